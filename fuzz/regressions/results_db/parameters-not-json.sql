UPDATE sweep SET parameters = 'x';
