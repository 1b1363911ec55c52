package io.txmon.service.detect;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/**
 * A transaction as {@code POST /detect} takes it, for the OpenAPI document: the body itself is read by
 * {@code TransactionJson}, exactly as a JSON Lines record is, so that both refuse the same input with the same reason.
 */
@Schema(description = "A transaction, as docs/file-formats.md (Transactions) describes it")
record TransactionRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "tx_0001")
        String transactionId,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2026-01-14T15:00:00Z")
        String timestamp,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "acct_1")
        String userId,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "A number or a decimal string")
        BigDecimal amount,

        @Schema(example = "EUR") String currency,

        @Schema(allowableValues = {"CARD", "TRANSFER", "CASH_IN", "CASH_OUT"})
        String type,

        String counterpartyId,
        String merchantId,
        String merchantType,
        String location,
        @Schema(example = "DE") String country,

        @Schema(allowableValues = {"POS", "ONLINE", "ATM", "BRANCH"})
        String channel,

        String deviceId) {}
