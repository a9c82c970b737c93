SELECT * FROM replications;
