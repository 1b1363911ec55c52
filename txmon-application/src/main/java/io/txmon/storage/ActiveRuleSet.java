package io.txmon.storage;

import io.txmon.formats.rules.RuleFile;
import io.txmon.formats.rules.RuleFileException;
import io.txmon.rules.RuleSet;
import io.txmon.storage.StoredRuleSets.StoredRuleSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The rule set that decides on a database, whichever door a transaction comes through ({@code serve}, {@code
 * ingest}, {@code demo}, {@code train}): its active stored version, else the shipped defaults, kept as its first
 * version so that every later door finds the same.
 *
 * <p>A stored rule set that no longer loads (kept by an older txmon, or written into the database by hand) must not
 * keep a door from opening, nor be silently ignored: the newest earlier version that loads is activated in its
 * place, else the shipped defaults, and the reason is logged as an error and kept in {@link #fallback}.
 *
 * @param rules what decides
 * @param fallback why the active stored version was set aside, or empty when it was used (or none was stored)
 */
public record ActiveRuleSet(RuleSet rules, Optional<String> fallback) {
    private static final System.Logger LOG = System.getLogger(ActiveRuleSet.class.getName());

    public ActiveRuleSet {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(fallback, "fallback");
    }

    /**
     * What decides on {@code database}; when nothing is stored yet, the shipped defaults, stored as the active first
     * version given by {@code by} at {@code now}.
     */
    public static ActiveRuleSet resolve(Database database, String by, Instant now) {
        StoredRuleSets stored = new StoredRuleSets(database);
        Optional<ActiveRuleSet> kept = fromStore(stored, by, now);
        if (kept.isPresent()) {
            return kept.get();
        }
        RuleSet defaults = RuleFile.defaults();
        stored.saveAndActivate(
                defaults.version(), defaults.name(), RuleFile.format(defaults.definition()), defaults.size(), by, now);
        return new ActiveRuleSet(defaults, Optional.empty());
    }

    /**
     * Makes the rule file {@code ruleFile} the one that decides on {@code database}, from the next transaction on:
     * compiled first (a bad one throws {@link RuleFileException} and nothing changes), then kept as a version of its
     * own and made active, in one database transaction. {@code PUT /rules} and {@code bin/txmon rules activate} both
     * come here; a running service learns of it from its own endpoint only.
     *
     * @param source what to call the text in error messages, such as its file name
     */
    public static RuleSet activate(Database database, String ruleFile, String source, String by, Instant now) {
        RuleSet rules = RuleFile.parse(ruleFile, source);
        new StoredRuleSets(database).saveAndActivate(rules.version(), rules.name(), ruleFile, rules.size(), by, now);
        return rules;
    }

    /** The active stored rule set, else what replaces it when it does not load; empty when none is stored. */
    public static Optional<ActiveRuleSet> fromStore(StoredRuleSets stored, String by, Instant now) {
        Optional<StoredRuleSet> active = stored.active();
        if (active.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ActiveRuleSet(parse(active.get()), Optional.empty()));
        } catch (RuleFileException e) {
            return Optional.of(fallBack(stored, active.get(), e.getMessage(), by, now));
        }
    }

    /** The newest version kept before {@code bad} that loads, else the defaults, activated in its place. */
    private static ActiveRuleSet fallBack(
            StoredRuleSets stored, StoredRuleSet bad, String problem, String by, Instant now) {
        for (StoredRuleSet earlier : stored.versions()) {
            if (!earlier.version().equals(bad.version()) && !earlier.createdAt().isAfter(bad.createdAt())) {
                Optional<RuleSet> loaded = loads(earlier);
                if (loaded.isPresent()) {
                    return replace(stored, bad.version(), problem, loaded.get(), earlier.ruleFile(), by, now);
                }
            }
        }
        RuleSet defaults = RuleFile.defaults();
        return replace(stored, bad.version(), problem, defaults, RuleFile.format(defaults.definition()), by, now);
    }

    private static ActiveRuleSet replace(
            StoredRuleSets stored,
            String badVersion,
            String problem,
            RuleSet good,
            String text,
            String by,
            Instant now) {
        String reason = "the active rule set " + badVersion + " does not load (" + problem + "); rule set "
                + good.version() + " (" + good.name() + ") was activated in its place";
        LOG.log(System.Logger.Level.ERROR, reason + ". Replace it with PUT /rules once fixed.");
        stored.saveAndActivate(good.version(), good.name(), text, good.size(), by + " (fallback)", now);
        return new ActiveRuleSet(good, Optional.of(reason));
    }

    private static Optional<RuleSet> loads(StoredRuleSet set) {
        try {
            return Optional.of(parse(set));
        } catch (RuleFileException e) {
            return Optional.empty();
        }
    }

    private static RuleSet parse(StoredRuleSet set) {
        return RuleFile.parse(set.ruleFile(), "rule set " + set.version());
    }
}
