UPDATE sweep SET parameters = '{}';
