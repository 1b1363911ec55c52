package io.txmon.simulator;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Chooses the bank's customers who take part in typologies: victims, mules, collectors, rings. Each takes
 * part in one incident at most, so incidents stay apart and every suspicious account also has its
 * ordinary life around the incident, as real victims and mules do.
 */
final class Cast {
    private static final int RANDOM_TRIES = 64;

    private final List<Customer> customers;
    private final Set<String> used = new HashSet<>();

    Cast(Population population) {
        this.customers = population.customers();
    }

    /** An eligible customer not yet cast, now cast; empty when none is left. */
    Optional<Customer> take(RandomGenerator random, Predicate<Customer> eligible) {
        for (int i = 0; i < RANDOM_TRIES; i++) {
            Customer candidate = Sampling.pick(random, customers);
            if (!used.contains(candidate.id()) && eligible.test(candidate)) {
                used.add(candidate.id());
                return Optional.of(candidate);
            }
        }
        // Rare eligibility (new or dormant accounts): scan everyone from a random place.
        int offset = random.nextInt(customers.size());
        for (int i = 0; i < customers.size(); i++) {
            Customer candidate = customers.get((offset + i) % customers.size());
            if (!used.contains(candidate.id()) && eligible.test(candidate)) {
                used.add(candidate.id());
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Marks a business as taking part, so that no other incident uses it. */
    boolean claim(String accountId) {
        return used.add(accountId);
    }
}
