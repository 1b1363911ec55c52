package io.txmon.simulator;

/** A known pattern of fraud or money laundering that the simulator injects and labels. */
public enum Typology {
    /** Stolen card numbers tried with bursts of tiny payments, then used. */
    CARD_TESTING,
    /** A cloned card used in several cities at nearly the same time. */
    CLONED_CARD,
    /** A criminal takes over an account: new device, new place, and the balance drained. */
    ACCOUNT_TAKEOVER,
    /** Cash deposits kept just under the reporting threshold. */
    STRUCTURING,
    /** A money mule receives funds and sends them on within hours. */
    MULE_PASS_THROUGH,
    /** Many accounts pay into one collecting account. */
    FAN_IN,
    /** One account pays out to many receivers. */
    FAN_OUT,
    /** Money goes round a ring of accounts and returns to where it started. */
    CYCLE,
    /** A freshly opened account receives and holds an unusually high balance. */
    NEW_ACCOUNT_HIGH_BALANCE,
    /** An account dormant for months wakes up with large movements. */
    DORMANT_REACTIVATION
}
