package io.txmon.scoring;

/** Coarse risk band of a decision. */
public enum RiskLevel {
    LOW,
    MEDIUM,
    HIGH
}
