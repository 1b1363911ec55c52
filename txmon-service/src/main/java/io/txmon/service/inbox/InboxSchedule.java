package io.txmon.service.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.txmon.formats.DataFileException;
import io.txmon.ingest.InboxIngestion;
import io.txmon.ingest.IngestionException;
import io.txmon.ingest.OnlineIngestion;
import io.txmon.service.TxmonProperties;
import io.txmon.storage.Database;
import io.txmon.transaction.TransactionParser;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Reads {@code txmon.inbox.path} on the cron expression {@code txmon.inbox.cron} (by default every day at 02:00;
 * docs/service.md, "Scheduled ingestion"): files not read before go through the service's decision path. Without a path it does
 * nothing.
 */
@Component
class InboxSchedule implements SchedulingConfigurer {
    private static final Logger LOG = LoggerFactory.getLogger(InboxSchedule.class);

    private final TxmonProperties.Inbox settings;
    private final InboxIngestion inbox;
    private final Counter passes;
    private final Counter files;
    private final Counter failures;

    InboxSchedule(TxmonProperties properties, Database database, OnlineIngestion online, MeterRegistry registry) {
        this.settings = properties.inbox();
        this.inbox = new InboxIngestion(database, online, new TransactionParser(properties.baseCurrency()));
        this.passes = Counter.builder("ingestion.inbox.passes")
                .description("Scheduled passes over the inbox")
                .register(registry);
        this.files = Counter.builder("ingestion.inbox.files")
                .description("Inbox files read to their end")
                .register(registry);
        this.failures = Counter.builder("ingestion.inbox.failures")
                .description("Inbox passes that failed")
                .register(registry);
    }

    /** Reads the inbox on {@code txmon.inbox.cron} (registered here so that its default lives in one place). */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addCronTask(this::read, settings.cron());
    }

    void read() {
        if (settings.folder().isEmpty()) {
            return;
        }
        Path folder = settings.folder().get();
        if (!Files.isDirectory(folder)) {
            LOG.error("inbox {} is not a folder; nothing read", folder);
            failures.increment();
            return;
        }
        try {
            InboxIngestion.Pass pass = inbox.run(folder);
            passes.increment();
            files.increment(pass.files());
            if (pass.files() > 0) {
                LOG.info(
                        "inbox {}: {} files, {} transactions decided, {} duplicates, {} rejected",
                        folder,
                        pass.files(),
                        pass.transactions(),
                        pass.duplicates(),
                        pass.rejected());
            }
        } catch (IngestionException | UncheckedIOException | DataFileException e) {
            failures.increment();
            LOG.error("inbox {}: {}", folder, e.getMessage());
        }
    }
}
