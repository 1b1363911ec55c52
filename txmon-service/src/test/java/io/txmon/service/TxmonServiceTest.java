package io.txmon.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TxmonServiceTest {
    @Test
    void takesThePortAndTheDatabaseAsTheCommandLineSpellsThem() {
        assertThat(TxmonService.springArguments(
                        new String[] {"--port", "9090", "--db", "jdbc:postgresql://db/txmon", "--txmon.rules=r.yaml"}))
                .containsExactly(
                        "--server.port=9090", "--txmon.db.url=jdbc:postgresql://db/txmon", "--txmon.rules=r.yaml");
    }

    @Test
    void refusesAPortThatIsNotANumberAndArgumentsItDoesNotKnow() {
        assertThatThrownBy(() -> TxmonService.springArguments(new String[] {"--port", "http"}))
                .hasMessage("--port must be a port number, was 'http'");
        assertThatThrownBy(() -> TxmonService.springArguments(new String[] {"--db"}))
                .hasMessage("--db needs a value");
        assertThatThrownBy(() -> TxmonService.springArguments(new String[] {"serve"}))
                .hasMessage("unknown argument 'serve'");
    }
}
