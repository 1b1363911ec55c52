package io.txmon.simulator;

import io.txmon.transaction.Channel;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Everything the parts of the simulation share: the map, the merchants, the people, the calendar, the
 * id source and the ledger they write to.
 */
record World(Geography geography, Merchants merchants, Population population, Window window, Ids ids, Ledger ledger) {

    /** Whether an account is held at this bank. */
    boolean isListed(String accountId) {
        return population.customer(accountId).isPresent()
                || population.business(accountId).map(Business::listed).orElse(false);
    }

    /**
     * A transfer as the bank sees it: a customer's or business's own transfer carries where and from what
     * device it was made; money from another bank arrives without either. A transfer between two other
     * banks' accounts is never seen, so it is not drafted.
     */
    Optional<Draft> transfer(String from, String to, long second, long cents, RandomGenerator random) {
        Optional<Customer> customer = population.customer(from);
        if (customer.isPresent()) {
            Customer payer = customer.get();
            return Optional.of(Draft.transfer(
                    second,
                    from,
                    to,
                    cents,
                    payer.home(),
                    Channel.ONLINE,
                    payer.devices().at(second, random)));
        }
        Optional<Business> business = population.business(from).filter(Business::listed);
        if (business.isPresent()) {
            Business payer = business.get();
            return Optional.of(Draft.transfer(second, from, to, cents, payer.city(), Channel.ONLINE, payer.deviceId()));
        }
        return isListed(to) ? Optional.of(Draft.batch(second, from, to, cents)) : Optional.empty();
    }

    /** Records a transfer drafted by {@link #transfer}; says whether it fell in the window. */
    boolean record(String from, String to, long second, long cents, RandomGenerator random) {
        return transfer(from, to, second, cents, random).map(ledger::add).orElse(false);
    }
}
