UPDATE sweep SET replications = 4;
