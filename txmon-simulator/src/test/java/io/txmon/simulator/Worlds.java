package io.txmon.simulator;

import io.txmon.transaction.Account;
import io.txmon.transaction.AccountType;
import io.txmon.transaction.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Simulated worlds the tests share, simulated once, and ways of reading them. */
final class Worlds {
    /**
     * The seed the shared worlds use. Any seed should pass the same tests: run them with
     * {@code -Dtxmon.simulator.seed=N} to try another.
     */
    static final long SEED = Long.getLong("txmon.simulator.seed", 20_260_101L);

    private Worlds() {}

    /** The world at the default settings (2,000 customers, 30 days), with a fixed seed. */
    static SimulatedData defaultWorld() {
        return DefaultWorld.DATA;
    }

    /** A small world that is quick to simulate. */
    static SimulatedData small(long seed) {
        return Simulator.simulate(
                SimulationSettings.builder().seed(seed).customers(300).days(14).build());
    }

    /** The transactions labelled with a typology. */
    static List<Transaction> labelled(SimulatedData data, Typology typology) {
        List<Transaction> found = new ArrayList<>();
        for (int i = 0; i < data.transactions().size(); i++) {
            if (data.labels().get(i).typology().filter(typology.name()::equals).isPresent()) {
                found.add(data.transactions().get(i));
            }
        }
        return found;
    }

    /** The ordinary (unlabelled) transactions. */
    static List<Transaction> ordinary(SimulatedData data) {
        List<Transaction> found = new ArrayList<>();
        for (int i = 0; i < data.transactions().size(); i++) {
            if (!data.labels().get(i).suspicious()) {
                found.add(data.transactions().get(i));
            }
        }
        return found;
    }

    /**
     * The incidents of a typology: its transactions grouped by the accounts they connect (payer and
     * receiver). Incidents never share an account, so each group is one incident.
     */
    static List<List<Transaction>> incidents(SimulatedData data, Typology typology) {
        List<Transaction> transactions = labelled(data, typology);
        Map<String, String> parent = new HashMap<>();
        for (Transaction transaction : transactions) {
            String payer = root(parent, transaction.userId());
            String payee = transaction.counterpartyId() == null ? payer : root(parent, transaction.counterpartyId());
            if (!payer.equals(payee)) {
                parent.put(payee, payer);
            }
        }
        Map<String, List<Transaction>> groups = new LinkedHashMap<>();
        for (Transaction transaction : transactions) {
            groups.computeIfAbsent(root(parent, transaction.userId()), key -> new ArrayList<>())
                    .add(transaction);
        }
        return new ArrayList<>(groups.values());
    }

    private static String root(Map<String, String> parent, String account) {
        String current = account;
        while (parent.containsKey(current) && !parent.get(current).equals(current)) {
            current = parent.get(current);
        }
        parent.putIfAbsent(account, account);
        if (!current.equals(account)) {
            parent.put(account, current);
        }
        return current;
    }

    /** The bank's accounts by id. */
    static Map<String, Account> accounts(SimulatedData data) {
        return data.accounts().stream().collect(Collectors.toMap(Account::userId, account -> account));
    }

    /** Ids of the bank's business accounts. */
    static Set<String> businesses(SimulatedData data) {
        return data.accounts().stream()
                .filter(account -> account.accountType() == AccountType.BUSINESS)
                .map(Account::userId)
                .collect(Collectors.toSet());
    }

    private static final class DefaultWorld {
        static final SimulatedData DATA =
                Simulator.simulate(SimulationSettings.builder().seed(SEED).build());
    }
}
