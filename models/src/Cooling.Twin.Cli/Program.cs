// cooling-twin: commands are added with the twin's command line.
return 0;
