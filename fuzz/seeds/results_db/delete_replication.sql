DELETE FROM replications WHERE point = 1 AND replication = 2;
