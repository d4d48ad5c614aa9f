// cooling-supervisor: the host is composed with the service's hosting work.
return 0;
