UPDATE runs SET status = 'interrupted';
DELETE FROM kpi_values WHERE replication = 1;
