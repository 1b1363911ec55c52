package io.txmon.service.security;

/** What an API key may do. */
public enum Role {
    /** Send transactions. */
    INGEST,
    /** Read everything, review alerts. */
    ANALYST,
    /** Change rules and models. */
    ADMIN
}
