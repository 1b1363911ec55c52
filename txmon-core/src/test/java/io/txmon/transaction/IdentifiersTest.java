package io.txmon.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "C1231006815",
                "acct_00ff12ab34cd56ef",
                "550e8400-e29b-41d4-a716-446655440000",
                "DE89370400440532013000",
                "jane.doe@bank.example",
                "urn:card:4711",
                "7"
            })
    void acceptsTheIdsOfRealSources(String id) {
        assertThat(Identifiers.isValid(id)).isTrue();
        assertThat(Identifiers.require("user_id", id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a\"b", "a<b", "a{b", "a#b", "a\nb", "a\u0000b", "a/b", "a%2Fb", "a'b", "aé"})
    void refusesCharactersThatAreSpecialInUrlsFilesLogsOrPages(String id) {
        assertThat(Identifiers.isValid(id)).isFalse();
        assertThatThrownBy(() -> Identifiers.require("user_id", id))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("user_id"))
                .hasMessageContaining("may hold only ASCII letters, digits and - _ . : @")
                .hasMessageContaining("at position 2");
    }

    @Test
    void namesAnUnprintableCharacterByItsCodePointNeverRaw() {
        assertThatThrownBy(() -> Identifiers.require("from_account", "ab\u0000"))
                .hasMessage("from_account: may hold only ASCII letters, digits and - _ . : @, and has the character"
                        + " U+0000 at position 3");
        assertThatThrownBy(() -> Identifiers.require("from_account", "a b")).hasMessageContaining("has a space");
    }

    @Test
    void refusesEmptyMissingAndTooLongIds() {
        assertThat(Identifiers.isValid(null)).isFalse();
        assertThatThrownBy(() -> Identifiers.require("device_id", "")).hasMessage("device_id: must not be empty");
        assertThatThrownBy(() -> Identifiers.require("device_id", null)).hasMessage("device_id: is required");
        assertThat(Identifiers.isValid("x".repeat(Identifiers.MAX_LENGTH))).isTrue();
        assertThatThrownBy(() -> Identifiers.require("device_id", "x".repeat(65)))
                .hasMessage("device_id: is 65 characters long, the limit is 64");
    }
}
