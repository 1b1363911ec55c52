package io.txmon.stream;

import io.txmon.formats.rules.RuleFile;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.simulator.SimulatedData;
import io.txmon.simulator.SimulationSettings;
import io.txmon.simulator.Simulator;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule files and models for the control stream's tests: the shipped defaults, changed copies, a trained model, a
 * supervised model.
 */
public final class ControlFixtures {
    private static AnomalyModel model;

    private ControlFixtures() {}

    /** The shipped default rule file's text. */
    public static String defaultRuleFile() {
        try (InputStream in = RuleFile.class.getResourceAsStream(RuleFile.DEFAULT_RULES)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A small hand-made supervised model's bytes, as {@code SupervisedModelCodec} writes them: the core's format
     * version 1 fixture (version {@code sl-0123456789ab}), which reads the amount, the merchant's fraud share and the
     * hourly count.
     */
    public static byte[] supervisedModel() {
        try (InputStream in = ControlFixtures.class.getResourceAsStream("/io/txmon/boosting/supervised-model-v1.bin")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of the defaults under another name with a lower high-amount threshold: another rule set version. */
    public static String stricterRuleFile() {
        String text = replaceOnce(defaultRuleFile(), "name: txmon-default", "name: txmon-stricter");
        return replaceOnce(text, "high_amount: 10000 ", "high_amount: 5000 ");
    }

    /** A copy of the defaults whose cash reporting threshold, a feature setting, is higher. */
    static String otherFeatureSettingsRuleFile() {
        return replaceOnce(defaultRuleFile(), "reporting_threshold: 10000", "reporting_threshold: 15000");
    }

    /** A model trained on a small simulated world, once for all tests. */
    static synchronized AnomalyModel model() {
        if (model == null) {
            SimulatedData world = Simulator.simulate(
                    SimulationSettings.builder().seed(3).customers(80).days(7).build());
            Map<String, Account> accounts = new HashMap<>();
            world.accounts().forEach(account -> accounts.put(account.userId(), account));
            List<Transaction> ordered = new ArrayList<>(world.transactions());
            ordered.sort(Comparator.comparing(Transaction::timestamp));
            model = AnomalyModelTrainer.builder(3)
                    .build()
                    .train(
                            ordered,
                            id -> accounts.getOrDefault(id, Account.unknown(id)),
                            RuleFile.defaults().features());
        }
        return model;
    }

    private static String replaceOnce(String text, String from, String to) {
        if (!text.contains(from)) {
            throw new IllegalStateException("the default rule file no longer holds '" + from + "'");
        }
        return text.replace(from, to);
    }
}
