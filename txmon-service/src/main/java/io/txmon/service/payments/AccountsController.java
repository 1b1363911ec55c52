package io.txmon.service.payments;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.txmon.accounts.AccountProfiles;
import io.txmon.accounts.AccountProfiles.AccountProfile;
import io.txmon.payments.LedgerAccount;
import io.txmon.payments.LedgerAccounts;
import io.txmon.payments.LedgerEntry;
import io.txmon.payments.NewAccount;
import io.txmon.service.problems.NotFoundException;
import io.txmon.service.problems.QueryParameters;
import io.txmon.storage.Database;
import io.txmon.transaction.AccountType;
import io.txmon.transaction.Identifiers;
import io.txmon.transaction.InvalidFieldException;
import java.math.BigDecimal;
import java.net.URI;
import java.security.Principal;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /accounts} opens an account that holds money; {@code GET /accounts/{id}} shows any account, with its
 * balance when it holds money; {@code GET /accounts/{id}/ledger} its entries, each with the balance after it.
 */
@RestController
class AccountsController {
    private static final Logger AUDIT = LoggerFactory.getLogger("txmon.audit");
    private static final int RECENT_DECISIONS = 20;
    private static final int MAX_LIMIT = 1_000;

    private final AccountProfiles profiles;
    private final LedgerAccounts accounts;

    AccountsController(Database database, LedgerAccounts accounts) {
        this.profiles = new AccountProfiles(database);
        this.accounts = accounts;
    }

    /** What opens an account; {@code overdraft_limit} is optional (zero). Amounts as numbers or decimal strings. */
    record OpenRequest(
            String userId, String accountType, String currency, BigDecimal openingBalance, BigDecimal overdraftLimit) {}

    /** An account: its profile and risk, and when it holds money, its currency, balance and overdraft limit. */
    record AccountView(
            @JsonUnwrapped AccountProfile profile, String currency, BigDecimal balance, BigDecimal overdraftLimit) {}

    /** An account's ledger: where it started, where it stands, and the entries between, oldest first. */
    record Ledger(
            String userId, String currency, BigDecimal openingBalance, BigDecimal balance, List<LedgerEntry> entries) {}

    @Operation(
            summary = "Open an account that holds money",
            description = "Body: user_id (the account id that its transactions carry), account_type (PERSONAL or"
                    + " BUSINESS), currency (ISO 4217), opening_balance, optional overdraft_limit. An account known"
                    + " from transactions keeps its history and risk score. 409 when it holds money already.")
    @PostMapping(path = "/accounts", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AccountView> open(@RequestBody OpenRequest request, Principal principal) {
        // In the order the fields were always checked: currency, user_id, account_type, then the amounts.
        Currency currency = PaymentsController.currency("currency", request.currency());
        Identifiers.require("user_id", request.userId());
        NewAccount account = new NewAccount(
                request.userId(),
                accountType("account_type", request.accountType()),
                currency,
                request.openingBalance(),
                request.overdraftLimit());
        // Everything the answer is made of that could fail on the request's values is made before the account is.
        URI location = URI.create("/accounts/" + account.userId());
        LedgerAccount opened = accounts.open(account);
        AUDIT.info(
                "account {} opened by {}: {} {}, overdraft limit {}",
                opened.userId(),
                principal.getName(),
                opened.balance().toPlainString(),
                opened.currency().getCurrencyCode(),
                opened.overdraftLimit().toPlainString());
        return ResponseEntity.created(location).body(view(opened.userId()).orElseThrow());
    }

    @Operation(summary = "An account: reference data, risk score, activity, latest decisions, and its balance")
    @GetMapping("/accounts/{id}")
    AccountView account(@PathVariable String id) {
        return view(id).orElseThrow(() -> new NotFoundException("no account " + QueryParameters.abbreviate(id)));
    }

    @Operation(
            summary = "An account's ledger: its balance history",
            description = "Each entry of a posted payment, oldest first, with the counterparty, the amount (negative"
                    + " when paid out) and the balance after it; limit (at most 1,000) and offset page through them.")
    @GetMapping("/accounts/{id}/ledger")
    Ledger ledger(
            @PathVariable String id,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        QueryParameters.limit("limit", limit, MAX_LIMIT);
        QueryParameters.offset("offset", offset);
        LedgerAccount account = accounts.find(id)
                .orElseThrow(
                        () -> new NotFoundException("no account " + QueryParameters.abbreviate(id) + " holds money"));
        return new Ledger(
                account.userId(),
                account.currency().getCurrencyCode(),
                account.openingBalance(),
                account.balance(),
                accounts.entries(id, limit, offset));
    }

    private Optional<AccountView> view(String id) {
        Optional<AccountProfile> profile = profiles.profile(id, RECENT_DECISIONS);
        if (profile.isEmpty()) {
            return Optional.empty();
        }
        Optional<LedgerAccount> ledger = accounts.find(id);
        return Optional.of(new AccountView(
                profile.get(),
                ledger.map(held -> held.currency().getCurrencyCode()).orElse(null),
                ledger.map(LedgerAccount::balance).orElse(null),
                ledger.map(LedgerAccount::overdraftLimit).orElse(null)));
    }

    /**
     * The account type {@code name} names, exactly (PERSONAL, BUSINESS).
     *
     * @throws InvalidFieldException naming {@code field} when missing or another word
     */
    static AccountType accountType(String field, String name) {
        return Arrays.stream(AccountType.values())
                .filter(type -> type.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new InvalidFieldException(field, "must be PERSONAL or BUSINESS"));
    }
}
