// cooling-supervisor-bench: the ingestion benchmark is added with the ingestion work.
return 0;
