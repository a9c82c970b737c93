UPDATE sweep SET replications =~0;
