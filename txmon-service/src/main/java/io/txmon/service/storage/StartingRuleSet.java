package io.txmon.service.storage;

import io.txmon.formats.rules.RuleFile;
import io.txmon.formats.rules.RuleFileException;
import io.txmon.rules.RuleSet;
import io.txmon.storage.StoredRuleSets;
import io.txmon.storage.StoredRuleSets.StoredRuleSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule set the service starts deciding with, and why it is not the active stored one when it is not.
 *
 * <p>A stored rule set that no longer loads (kept by an older txmon, or written into the database by hand) must not
 * keep the service from starting, nor be silently ignored: the newest earlier version that loads is activated in
 * its place, else the shipped defaults, and the reason is logged as an error and shown on {@code GET /rules}.
 *
 * @param rules what decides from the start
 * @param fallback why the active stored version was set aside, or empty when it was used (or none was stored)
 */
public record StartingRuleSet(RuleSet rules, Optional<String> fallback) {
    private static final Logger LOG = LoggerFactory.getLogger(StartingRuleSet.class);

    /** The active stored rule set, else what replaces it when it does not load; empty when none is stored. */
    static Optional<StartingRuleSet> fromStore(StoredRuleSets stored, Instant now) throws SQLException {
        Optional<StoredRuleSet> active = stored.active();
        if (active.isEmpty()) {
            return Optional.empty();
        }
        String version = active.get().version();
        Optional<String> problem = problemOf(active.get());
        if (problem.isEmpty()) {
            return Optional.of(new StartingRuleSet(parse(active.get()), Optional.empty()));
        }
        for (StoredRuleSet earlier : stored.versions()) {
            if (!earlier.version().equals(version)
                    && !earlier.createdAt().isAfter(active.get().createdAt())
                    && problemOf(earlier).isEmpty()) {
                return Optional.of(replace(stored, version, problem.get(), parse(earlier), earlier.ruleFile(), now));
            }
        }
        RuleSet defaults = RuleFile.defaults();
        return Optional.of(
                replace(stored, version, problem.get(), defaults, RuleFile.format(defaults.definition()), now));
    }

    private static StartingRuleSet replace(
            StoredRuleSets stored, String badVersion, String problem, RuleSet good, String text, Instant now)
            throws SQLException {
        String reason = "the active rule set " + badVersion + " does not load (" + problem + "); rule set "
                + good.version() + " (" + good.name() + ") was activated in its place";
        LOG.error("{}. Replace it with PUT /rules once fixed.", reason);
        stored.saveAndActivate(good.version(), good.name(), text, good.size(), "txmon serve (fallback)", now);
        return new StartingRuleSet(good, Optional.of(reason));
    }

    private static Optional<String> problemOf(StoredRuleSet set) {
        try {
            parse(set);
            return Optional.empty();
        } catch (RuleFileException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static RuleSet parse(StoredRuleSet set) {
        return RuleFile.parse(set.ruleFile(), "rule set " + set.version());
    }
}
