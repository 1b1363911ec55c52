package io.txmon.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.transaction.Account;
import io.txmon.transaction.AccountParser;
import io.txmon.transaction.AccountType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountFilesTest {

    private static final AccountParser PARSER = new AccountParser();
    private static final Account SHOP = new Account(
            "shop_1",
            Instant.parse("2024-03-01T08:00:00Z"),
            AccountType.BUSINESS,
            "DE",
            "Köln, Altstadt",
            new BigDecimal("1500.00"));
    private static final Account NEWCOMER = Account.unknown("user_9");

    @TempDir
    Path dir;

    private static Reading<Account> read(Path file) {
        Reading<Account> reading = new Reading<>();
        reading.summary = AccountFiles.read(file, PARSER, reading.acceptedSink(), reading.rejectedSink());
        return reading;
    }

    @Test
    void writesTheContractsColumnsAndReadsBackEqualAccounts() {
        Path file = dir.resolve("accounts.csv");
        try (RecordWriter<Account> writer = AccountFiles.newWriter(file)) {
            writer.writeAll(List.of(SHOP, NEWCOMER));
        }

        assertThat(TestFiles.read(file))
                .isEqualTo("user_id,opened_at,account_type,country,city,opening_balance\n"
                        + "shop_1,2024-03-01T08:00:00Z,BUSINESS,DE,\"Köln, Altstadt\",1500.00\n"
                        + "user_9,,PERSONAL,,,0\n");
        assertThat(read(file).values()).containsExactly(SHOP, NEWCOMER);
    }

    @Test
    void roundTripsThroughAGzipCompressedFile() {
        Path file = dir.resolve("accounts.csv.gz");
        try (RecordWriter<Account> writer = AccountFiles.newWriter(file)) {
            writer.write(SHOP);
        }

        assertThat(read(file).values()).containsExactly(SHOP);
    }

    @Test
    void readsJsonLinesWithANumericOpeningBalanceKeptExact() {
        Path file = TestFiles.text(
                dir,
                "accounts.jsonl",
                "{\"user_id\":\"shop_1\",\"opened_at\":\"2024-03-01T09:00:00+01:00\",\"account_type\":\"business\","
                        + "\"country\":\"de\",\"city\":\"Köln, Altstadt\",\"opening_balance\":1500.00}\n");

        assertThat(read(file).values()).containsExactly(SHOP);
    }

    @Test
    void rejectsAnUnknownAccountTypeNamingTheFieldAndGoesOn() {
        Path file = TestFiles.text(dir, "accounts.csv", "user_id,account_type\na,PERSONAL\nb,TRUST\nc,\n");

        Reading<Account> reading = read(file);

        assertThat(reading.values()).extracting(Account::userId).containsExactly("a", "c");
        assertThat(reading.reasons()).containsExactly("account_type: must be one of PERSONAL, BUSINESS, was 'TRUST'");
        assertThat(reading.rejectedLines()).containsExactly(3L);
    }

    @Test
    void refusesAFileWhoseHeaderLacksTheUserId() {
        Path file = TestFiles.text(dir, "accounts.csv", "account,city\na,Paris\n");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ": line 1: the header lacks the required column user_id (it has: account, city)");
    }

    @Test
    void writesAccountsAsCsvOnly() {
        Path file = dir.resolve("accounts.jsonl");

        assertThatThrownBy(() -> AccountFiles.newWriter(file))
                .isInstanceOf(DataFileException.class)
                .hasMessage(
                        file + ": unsupported file name: expected a name ending in .csv, optionally followed by .gz");
    }
}
