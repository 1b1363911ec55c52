package io.txmon.simulator;

/** Where a customer's money comes from. */
enum Occupation {
    /** Salaried, paid monthly by an employer. */
    WORKER,
    /** Supported by family every month. */
    STUDENT,
    /** Paid a pension or benefits every month. */
    RETIRED
}
