package io.txmon.simulator;

import java.time.Instant;
import java.util.Objects;

/**
 * A business account, at this bank (listed in the accounts) or at another.
 *
 * @param id the account id
 * @param kind what it does
 * @param city where it is based
 * @param listed whether it banks here, so that its own payments are seen with their channel and device
 * @param openedAt when its account was opened
 * @param openingBalance balance at the start, in cents
 * @param deviceId the computer its online banking runs on
 * @param payday when it pays salaries
 * @param payrollSecond local second of the day its payroll run starts
 * @param size relative scale of its trade (takings, payroll) around 1
 */
record Business(
        String id,
        BusinessKind kind,
        City city,
        boolean listed,
        Instant openedAt,
        long openingBalance,
        String deviceId,
        Payday payday,
        int payrollSecond,
        double size) {

    Business {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(payday, "payday");
    }
}
