UPDATE kpi_values SET value = value * 2 WHERE kpi = 1;
