UPDATE series SET y = x WHERE seq = 0;
