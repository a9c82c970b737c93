UPDATE sweep SET replications =- 5;
