package io.txmon.cli;

import io.txmon.simulator.SimulatedData;
import io.txmon.simulator.SimulationSettings;
import io.txmon.simulator.Simulator;
import io.txmon.stream.topics.TransactionProducer;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code simulate --stream}: simulated worlds one after another onto the accounts and transactions topics, each
 * transaction stamped with the wall-clock instant it is due to be sent at a steady rate, in the simulated order.
 *
 * <p>Why stamped at send time rather than replayed with the simulated spacing compressed: the job judges lateness by
 * event time, so a live stream whose event times are the wall clock's is never late and its decisions carry the times
 * they were made; a compressed replay would bunch a day's payments into bursts at the rate's mercy and still not keep
 * the hours of the day. Either way velocity and time-of-day features see compressed time, so detection on this stream
 * is not the batch demo's; {@code demo} measures detection.
 *
 * <p>Each world has the next seed, so its ids (keyed by the seed) are new, and its accounts' opening dates move with
 * it to the moment it starts, so that an account is as old at its first live transaction as it was in the simulation.
 */
final class LiveSimulation {
    /** How often the rate is caught up with: a transaction is sent at most about this long after its stamp. */
    static final Duration TICK = Duration.ofMillis(100);

    private final SimulateCommand.World options;
    private final double perSecond;
    private final Clock clock;
    private final PrintWriter progress;

    LiveSimulation(SimulateCommand.World options, double perSecond, Clock clock, PrintWriter progress) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("--rate must be above 0, was " + perSecond);
        }
        this.options = options;
        this.perSecond = perSecond;
        this.clock = clock;
        this.progress = progress;
    }

    /** What was sent. */
    record Sent(long transactions, int worlds, Duration took) {}

    /**
     * Sends world after world, from {@code firstSeed} on, until {@code duration} has passed, or for ever without one.
     */
    Sent run(TransactionProducer producer, long firstSeed, Optional<Duration> duration) throws InterruptedException {
        Instant begin = clock.instant();
        Optional<Instant> end = duration.map(begin::plus);
        Pace pace = new Pace(begin, 0, perSecond);
        long sent = 0;
        int worlds = 0;
        for (long seed = firstSeed; ; seed++) {
            SimulationSettings settings = options.settings(seed);
            SimulatedData data = Simulator.simulate(settings);
            worlds++;
            Instant worldBegin = clock.instant();
            // A pause to simulate a large world is not caught up in a burst stamped in the past: the pace starts again.
            if (Duration.between(pace.stamp(sent), worldBegin).compareTo(TICK) > 0) {
                pace = new Pace(worldBegin, sent, perSecond);
            }
            Duration shift = Duration.between(settings.start(), worldBegin);
            producer.accounts(data.accounts().stream().map(a -> moved(a, shift)).toList());
            progress.printf(
                    "simulate: world %d (seed %d): %,d accounts, %,d transactions (%,d suspicious), at %.0f a second%n",
                    worlds,
                    seed,
                    data.accounts().size(),
                    data.transactions().size(),
                    data.suspiciousCount(),
                    perSecond);
            progress.flush();
            List<Transaction> transactions = data.transactions();
            long first = sent;
            while (sent - first < transactions.size()) {
                Instant now = clock.instant();
                if (end.isPresent() && !now.isBefore(end.get())) {
                    return new Sent(sent, worlds, Duration.between(begin, now));
                }
                long upTo = Math.min(first + transactions.size(), pace.dueBy(now));
                if (upTo <= sent) {
                    Thread.sleep(TICK.toMillis());
                    continue;
                }
                List<Transaction> batch = new ArrayList<>((int) (upTo - sent));
                for (long n = sent; n < upTo; n++) {
                    batch.add(stamped(transactions.get((int) (n - first)), pace.stamp(n)));
                }
                producer.transactions(batch, sent, OptionalDouble.empty());
                sent = upTo;
            }
        }
    }

    /** The rate from an instant on: transaction {@code from} is due then, and each next one 1/rate later. */
    private record Pace(Instant origin, long from, double perSecond) {
        /** When transaction {@code n} is due, which is its event time. */
        Instant stamp(long n) {
            return origin.plusNanos((long) ((n - from) * 1e9 / perSecond));
        }

        /** How many transactions in all are due by {@code now}: the index of the first one not yet due. */
        long dueBy(Instant now) {
            return from + (long) Math.floor(Duration.between(origin, now).toNanos() * perSecond / 1e9) + 1;
        }
    }

    private static Transaction stamped(Transaction t, Instant timestamp) {
        return t.restamped(t.transactionId(), timestamp);
    }

    private static Account moved(Account account, Duration shift) {
        return new Account(
                account.userId(),
                account.openedAt() == null ? null : account.openedAt().plus(shift),
                account.accountType(),
                account.country(),
                account.city(),
                account.openingBalance());
    }
}
