package io.txmon.simulator;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulates a retail bank's month (or years) of transactions, with fraud and money-laundering typologies
 * injected and every transaction labelled.
 *
 * <p><b>The idea.</b> An agent-based world in the spirit of PaySim (Lopez-Rojas, Elmir and Axelsson 2016)
 * and AMLSim (Weber et al. 2018; Altman et al. 2023), with the card side of the ULB fraud handbook's
 * simulator (Le Borgne et al. 2022). Each customer gets traits (income, home city, devices, a daily
 * rhythm, favourite merchants, employer, landlord, friends), and their transactions are drawn from those
 * traits day by day; businesses trade, pay salaries and collect bills. Typologies are then played out on
 * top, mostly through ordinary customers' accounts, amid their normal activity, until their transactions
 * reach the requested share; each typology comes up about equally often.
 *
 * <p><b>Against leakage.</b> A detector tuned here is judged on other generators and real data, so the
 * world must not carry quirks it could lean on. Ids are keyed permutations of counters, the same form for
 * every account; amounts take their rounding from the kind of payment, never from the label; suspicious
 * activity is timed by the same calendars and rhythms as ordinary activity, except where the pattern
 * itself is about time (a takeover at the victim's odd hour); cities, merchants, devices and receivers
 * used by criminals are drawn from the same pools as honest ones; and every typology has honest
 * look-alikes (payroll fans out, utilities fan in, friends pay each other back, shops pay in cash just
 * under the threshold, travellers use cards in two cities on one day). Transactions are ordered by a
 * stable sort after a seeded shuffle, so order within a second means nothing.
 *
 * <p><b>Cost.</b> One pass over customers and days, O(customers × days) drafts, then one O(n log n)
 * sort of primitive keys. Measured (docs/simulator.md, {@code SimulatorBenchmark} in txmon-benchmarks):
 * 10,000 customers over 30 days make 415,916 transactions in about a second once warm and 2.5 s in a
 * fresh JVM, allocating 406 MB and keeping 235 bytes per transaction.
 *
 * <p><b>Trade-offs.</b> Balances are not enforced: spending is sized to income so most balances stay
 * positive, but a heavy spender can end below zero. The bank sees transfers in its own currency only; the
 * other banks' side of a transfer is not simulated. The geography is a fixed United Kingdom with foreign
 * destinations; amounts are calibrated in pounds whatever the currency code says.
 *
 * <p><b>Reproducibility.</b> Every draw comes from one {@link SplittableRandom} seeded with the settings'
 * seed and split per part of the world (ids, population, each customer's life, typologies, ordering), so
 * the same settings give the same world, and the output does not depend on the clock or the machine.
 */
public final class Simulator {
    private Simulator() {}

    /** Simulates the world the settings describe. */
    public static SimulatedData simulate(SimulationSettings settings) {
        SplittableRandom root = new SplittableRandom(settings.seed());
        SplittableRandom idRandom = root.split();
        SplittableRandom populationRandom = root.split();
        SplittableRandom lifeRandom = root.split();
        SplittableRandom incidentRandom = root.split();
        SplittableRandom orderRandom = root.split();

        Ids ids = new Ids(idRandom);
        Geography geography = new Geography();
        List<ZoneId> zones =
                geography.cities().stream().map(City::zone).distinct().toList();
        Window window = new Window(settings.start(), settings.days(), zones);
        Merchants merchants = new Merchants(geography, settings.customers(), ids, populationRandom);
        Population population = new Population(geography, window, ids, populationRandom, settings.customers());
        Ledger ledger = new Ledger(window);
        World world = new World(geography, merchants, population, window, ids, ledger);

        live(world, lifeRandom);
        inject(world, settings.suspiciousShare(), incidentRandom);
        return ledger.assemble(population.accounts(), settings.currency(), ids, orderRandom);
    }

    private static void live(World world, SplittableRandom random) {
        AccountLifecycle lifecycle = new AccountLifecycle(world);
        EverydayLife everyday = new EverydayLife(world);
        MonthlyPayments monthly = new MonthlyPayments(world);
        SocialPayments social = new SocialPayments(world);
        for (Customer customer : world.population().customers()) {
            SplittableRandom own = random.split();
            Itinerary itinerary = Itinerary.draw(customer, world, own);
            lifecycle.begin(customer, own);
            everyday.live(customer, itinerary, own);
            monthly.pay(customer, itinerary, own);
            social.exchange(customer, itinerary, own);
        }
        BusinessLife trade = new BusinessLife(world);
        for (Business business : world.population().listedBusinesses()) {
            trade.trade(business, random.split());
        }
    }

    /**
     * Plays out incidents, every typology once per round in a fresh random order, until their
     * transactions make up the requested share of all transactions.
     */
    private static void inject(World world, double share, SplittableRandom random) {
        Ledger ledger = world.ledger();
        long target = Math.round(share * ledger.size() / (1 - share));
        Scene scene =
                new Scene(world, new Histories(ledger.drafts(), world.population()), new Cast(world.population()));
        List<Incident> incidents = List.of(
                new CardTesting(),
                new ClonedCard(),
                new AccountTakeover(),
                new Structuring(),
                new MulePassThrough(),
                new FanIn(),
                new FanOut(),
                new Cycle(),
                new NewAccountHighBalance(),
                new DormantReactivation());
        while (ledger.suspiciousCount() < target) {
            List<Incident> round = new ArrayList<>(incidents);
            Sampling.shuffle(random, round);
            boolean progressed = false;
            for (Incident incident : round) {
                if (ledger.suspiciousCount() >= target) {
                    break;
                }
                progressed |= incident.inject(scene, random) > 0;
            }
            if (!progressed) {
                // Every customer fit to take part already has: the world is too small for the share asked.
                return;
            }
        }
    }
}
