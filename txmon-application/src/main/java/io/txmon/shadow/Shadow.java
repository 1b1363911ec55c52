package io.txmon.shadow;

import io.txmon.boosting.SupervisedModel;
import io.txmon.formats.rules.RuleFile;
import io.txmon.formats.rules.RuleFileException;
import io.txmon.model.AnomalyModel;
import io.txmon.rules.RuleSet;
import io.txmon.storage.Database;
import io.txmon.storage.StoredModels;
import io.txmon.storage.StoredRuleSets;
import io.txmon.storage.StoredRuleSets.StoredRuleSet;
import io.txmon.storage.StoredSupervisedModels;
import io.txmon.transaction.InvalidFieldException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Starting, stopping and finding the challenger on a database: the use cases {@code PUT}, {@code DELETE} and {@code
 * GET /models/shadow} come to, and what the decision log resumes when a door opens.
 *
 * <p>A challenger names kept versions only, and both of them: what was not given is the champion's when it started,
 * and stays so when the champion changes later. So a challenger is one fixed configuration from start to stop, and its
 * comparison with the champion says what that configuration would have done. A supervised model is the exception: a
 * challenger decides with its own when one is given (a model that retraining kept as a challenger, say), else with the
 * champion's at each decision, so that a comparison of rule sets or anomaly models is not muddled by a retraining.
 */
public final class Shadow {
    /** The request field naming the challenger's anomaly model. */
    public static final String MODEL_VERSION = "model_version";

    /** The request field naming the challenger's own supervised model. */
    public static final String SUPERVISED_MODEL_VERSION = "supervised_model_version";

    /** The request field naming the challenger's rule set. */
    public static final String RULE_SET_VERSION = "rule_set_version";

    /** The longest version a request may name in an error message; kept versions are far shorter. */
    private static final int MAX_ECHOED = 64;

    private static final System.Logger LOG = System.getLogger(Shadow.class.getName());

    private Shadow() {}

    /**
     * Starts a challenger deciding with the kept {@code modelVersion} and/or {@code ruleSetVersion}, the champion's
     * ({@code championRules}, {@code championModel}) for what is not given, in place of the one that ran before.
     *
     * @throws InvalidFieldException when neither is given, or one is blank
     * @throws UnknownChallengerVersionException naming the field whose version is not kept; then nothing changes
     */
    public static ChallengerSetup start(
            Database database,
            Optional<String> modelVersion,
            Optional<String> ruleSetVersion,
            RuleSet championRules,
            Optional<AnomalyModel> championModel,
            String by,
            Instant now) {
        return start(database, modelVersion, ruleSetVersion, Optional.empty(), championRules, championModel, by, now);
    }

    /**
     * Starts a challenger as above, deciding with the kept supervised model {@code supervisedModelVersion} when given
     * (else with the champion's at each decision).
     *
     * @throws InvalidFieldException when none of the three is given, or one is blank
     * @throws UnknownChallengerVersionException naming the field whose version is not kept; then nothing changes
     */
    public static ChallengerSetup start(
            Database database,
            Optional<String> modelVersion,
            Optional<String> ruleSetVersion,
            Optional<String> supervisedModelVersion,
            RuleSet championRules,
            Optional<AnomalyModel> championModel,
            String by,
            Instant now) {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(now, "now");
        if (modelVersion.isEmpty() && ruleSetVersion.isEmpty() && supervisedModelVersion.isEmpty()) {
            throw new InvalidFieldException(
                    MODEL_VERSION,
                    "or " + RULE_SET_VERSION + " or " + SUPERVISED_MODEL_VERSION
                            + " is required: a challenger differs in at least one");
        }
        Optional<String> modelWanted = stripped(MODEL_VERSION, modelVersion);
        Optional<String> rulesWanted = stripped(RULE_SET_VERSION, ruleSetVersion);
        Optional<String> supervisedWanted = stripped(SUPERVISED_MODEL_VERSION, supervisedModelVersion);
        Optional<SupervisedModel> supervised = supervisedWanted.isPresent()
                ? Optional.of(supervised(database, supervisedWanted.get()))
                : Optional.empty();
        Optional<AnomalyModel> model = modelWanted.isPresent()
                ? Optional.of(new StoredModels(database)
                        .model(modelWanted.get())
                        .orElseThrow(() -> unknown(MODEL_VERSION, "model", modelWanted.get())))
                : championModel;
        RuleSet rules = rulesWanted.isPresent()
                ? parse(new StoredRuleSets(database)
                        .version(rulesWanted.get())
                        .orElseThrow(() -> unknown(RULE_SET_VERSION, "rule set", rulesWanted.get())))
                : championRules;
        Challenger started = new Challengers(database)
                .start(
                        rules.version(),
                        model.map(AnomalyModel::version),
                        supervised.map(SupervisedModel::version),
                        by,
                        now);
        return new ChallengerSetup(started, rules, model, supervised);
    }

    /** Stops the running challenger, if any; its decisions and comparison are kept. */
    public static Optional<Challenger> stop(Database database, String by, Instant now) {
        return new Challengers(database).stop(by, now);
    }

    /**
     * The running challenger with what it decides with, as a door that opens resumes it. One whose versions no
     * longer load (written into the database by hand) is not resumed, and the reason is logged as an error: a
     * challenger must never keep the champion from deciding.
     */
    public static Optional<ChallengerSetup> running(Database database) {
        Optional<Challenger> running = new Challengers(database).running();
        if (running.isEmpty()) {
            return Optional.empty();
        }
        Challenger challenger = running.get();
        try {
            RuleSet rules = parse(new StoredRuleSets(database)
                    .version(challenger.ruleSetVersion())
                    .orElseThrow(() -> unknown(RULE_SET_VERSION, "rule set", challenger.ruleSetVersion())));
            Optional<AnomalyModel> model = challenger.modelVersion().isEmpty()
                    ? Optional.empty()
                    : Optional.of(new StoredModels(database)
                            .model(challenger.modelVersion().get())
                            .orElseThrow(() -> unknown(
                                    MODEL_VERSION,
                                    "model",
                                    challenger.modelVersion().get())));
            Optional<SupervisedModel> supervised =
                    challenger.supervisedModelVersion().map(version -> supervised(database, version));
            return Optional.of(new ChallengerSetup(challenger, rules, model, supervised));
        } catch (UnknownChallengerVersionException | RuleFileException | IllegalStateException e) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "challenger " + challenger.id() + " is not resumed: " + e.getMessage()
                            + ". Start another with PUT /models/shadow.");
            return Optional.empty();
        }
    }

    /** Challenger {@code id}, running or stopped. */
    public static Optional<Challenger> challenger(Database database, long id) {
        return new Challengers(database).find(id);
    }

    /** How challenger {@code id} compares with the champion so far; empty when no such challenger ran. */
    public static Optional<ShadowComparison> compare(Database database, long id) {
        return challenger(database, id).map(challenger -> new ShadowComparisons(database).compare(challenger));
    }

    private static Optional<String> stripped(String field, Optional<String> version) {
        if (version.isPresent() && version.get().isBlank()) {
            throw new InvalidFieldException(field, "must not be blank");
        }
        return version.map(String::strip);
    }

    private static SupervisedModel supervised(Database database, String version) {
        return new StoredSupervisedModels(database)
                .model(version)
                .orElseThrow(() -> unknown(SUPERVISED_MODEL_VERSION, "supervised model", version));
    }

    private static RuleSet parse(StoredRuleSet set) {
        return RuleFile.parse(set.ruleFile(), "rule set " + set.version());
    }

    private static UnknownChallengerVersionException unknown(String field, String what, String version) {
        String shown = version.length() <= MAX_ECHOED ? version : version.substring(0, MAX_ECHOED - 3) + "...";
        return new UnknownChallengerVersionException(field, "no " + what + " version " + shown + " is kept");
    }
}
