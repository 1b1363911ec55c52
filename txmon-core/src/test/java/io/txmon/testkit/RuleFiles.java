package io.txmon.testkit;

/** Rule files for tests that need a rule of their own, as an analyst would write them. */
public final class RuleFiles {
    /** One rule, firing once any fraud is known at the transaction's merchant in the last 30 days: outcomes made visible. */
    public static final String MERCHANT_KNOWN_FRAUD = """
            name: known-fraud
            decision:
              medium_risk_at: 0.3
              high_risk_at: 0.7
              review_at: 0.6
              block_at: 0.85
            rules:
              - id: MERCHANT_KNOWN_FRAUD
                reason_code: MERCHANT_KNOWN_FRAUD
                description: Fraud known at this merchant in the last 30 days.
                weight: 0.5
                enabled: true
                condition: merchant_known_frauds_30d > 0
            """;

    private RuleFiles() {}
}
