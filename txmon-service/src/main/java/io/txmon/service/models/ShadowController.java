package io.txmon.service.models;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.txmon.ingest.OnlineIngestion;
import io.txmon.service.problems.NotFoundException;
import io.txmon.service.problems.QueryParameters;
import io.txmon.shadow.Challenger;
import io.txmon.shadow.ChallengerSetup;
import io.txmon.shadow.Shadow;
import io.txmon.shadow.ShadowComparison;
import io.txmon.shadow.UnknownChallengerVersionException;
import io.txmon.storage.Database;
import java.security.Principal;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Champion and challenger: {@code PUT}, {@code GET} and {@code DELETE /models/shadow} start, show and stop the
 * challenger that decides beside the champion without affecting its decisions; {@code GET /models/{id}/shadow}
 * compares a challenger's decisions with the champion's.
 */
@RestController
class ShadowController {
    private static final Logger AUDIT = LoggerFactory.getLogger("txmon.audit");

    private final Database database;
    private final OnlineIngestion ingestion;
    private final Clock clock;

    ShadowController(Database database, OnlineIngestion ingestion, Clock clock) {
        this.database = database;
        this.ingestion = ingestion;
        this.clock = clock;
    }

    /**
     * What a challenger decides with: at least one kept version; the champion's for the others (its supervised model
     * at each decision).
     */
    record Challenge(String modelVersion, String ruleSetVersion, String supervisedModelVersion) {}

    @Operation(
            summary = "Start a challenger: a kept anomaly model, rule set and/or supervised model version that decides"
                    + " beside the champion from the next transaction on, without affecting any decision",
            description = "An anomaly model or rule set not given is the champion's at the start, and stays so; a"
                    + " supervised model not given is the champion's at each decision. It replaces the challenger"
                    + " that ran before; a restarted service resumes it. It is judged on the champion's features.")
    @PutMapping(path = "/models/shadow", consumes = MediaType.APPLICATION_JSON_VALUE)
    Challenger start(@RequestBody Challenge challenge, Principal principal) throws Exception {
        ChallengerSetup setup;
        try {
            setup = Shadow.start(
                    database,
                    Optional.ofNullable(challenge == null ? null : challenge.modelVersion()),
                    Optional.ofNullable(challenge == null ? null : challenge.ruleSetVersion()),
                    Optional.ofNullable(challenge == null ? null : challenge.supervisedModelVersion()),
                    ingestion.rules(),
                    ingestion.model(),
                    principal.getName(),
                    clock.instant());
        } catch (UnknownChallengerVersionException e) {
            throw new NotFoundException(e.field(), e.getMessage());
        }
        ingestion.useChallenger(Optional.of(setup)).get(30, TimeUnit.SECONDS);
        Challenger started = setup.challenger();
        AUDIT.info(
                "challenger {} (rule set {}, model {}, supervised model {}) started by {}",
                started.id(),
                started.ruleSetVersion(),
                started.modelVersion().orElse("none"),
                started.supervisedModelVersion().orElse("the champion's"),
                principal.getName());
        return started;
    }

    @Operation(summary = "The challenger deciding beside the champion now; 204 when none runs")
    @GetMapping("/models/shadow")
    ResponseEntity<Challenger> running() {
        return ingestion
                .challenger()
                .map(setup -> ResponseEntity.ok(setup.challenger()))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @Operation(
            summary = "Stop the challenger; its decisions and comparison are kept",
            description = "Answers the stopped challenger, or 204 when none ran.")
    @DeleteMapping("/models/shadow")
    ResponseEntity<Challenger> stop(Principal principal) throws Exception {
        Optional<Challenger> stopped = Shadow.stop(database, principal.getName(), clock.instant());
        ingestion.useChallenger(Optional.empty()).get(30, TimeUnit.SECONDS);
        stopped.ifPresent(c -> AUDIT.info("challenger {} stopped by {}", c.id(), principal.getName()));
        return stopped.map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @Operation(
            summary = "How a challenger compares with the champion over the transactions both decided",
            description = "Agreement (same flagged or not, same recommendation), alerts of each, and the precision"
                    + " of each on the labels known now: the latest label of each transaction; only labelled"
                    + " flagged transactions count.")
    @GetMapping("/models/{id}/shadow")
    ShadowComparison compare(
            @Parameter(description = "a challenger's id, as PUT /models/shadow gave it") @PathVariable String id) {
        return parse(id)
                .flatMap(challenger -> Shadow.compare(database, challenger))
                .orElseThrow(() ->
                        new NotFoundException("id", "no challenger " + QueryParameters.abbreviate(id) + " ever ran"));
    }

    private static Optional<Long> parse(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
