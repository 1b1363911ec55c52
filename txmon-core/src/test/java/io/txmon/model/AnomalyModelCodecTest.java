package io.txmon.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.features.Feature;
import io.txmon.features.FeatureSettings;
import io.txmon.features.PopulationMeasure;
import io.txmon.features.PopulationProfile;
import io.txmon.testkit.RandomTransactions;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnomalyModelCodecTest {
    /**
     * Both fixtures were written from {@code AnomalyModelTrainer.builder(7).trees(5).build()} trained on {@code new
     * RandomTransactions(2024).generate(600, 12)} with {@code Account::unknown} and the default feature settings:
     * {@code anomaly-model-v1.bin} by format 1, before population quantiles existed, {@code anomaly-model-v2.bin} by
     * format 2. The expected values were printed by those models when the files were written.
     */
    private static final String V1_VERSION = "if-bf0636473c12";

    private static final String V2_VERSION = "if-23090d7cd6d5";
    private static final double V2_PERCENTILE_OF_AMOUNT_5000 = 0.24;
    private static final double V2_PERCENTILE_OF_3_A_DAY = 0.52;

    private static final List<Transaction> HISTORY = new RandomTransactions(2024).generate(600, 12);

    @Test
    void readsBackAModelWithItsPopulationQuantilesByteForByte() throws IOException {
        AnomalyModel model = train();

        AnomalyModel read = read(AnomalyModelCodec.toBytes(model));

        assertThat(read.version()).isEqualTo(model.version());
        assertThat(read.peers()).isEqualTo(model.peers());
        assertThat(read.peers().population().byMeasure()).containsOnlyKeys(PopulationMeasure.values());
        assertThat(AnomalyModelCodec.toBytes(read)).isEqualTo(AnomalyModelCodec.toBytes(model));
    }

    @Test
    void readsAModelWrittenByFormatVersionOneWithNeutralPercentilesAndItsVersionKept() throws IOException {
        byte[] v1 = fixture("anomaly-model-v1.bin");

        AnomalyModel model = read(v1);

        assertThat(model.version()).isEqualTo(V1_VERSION);
        assertThat(model.peers().byMerchantType()).hasSize(6);
        assertThat(model.peers().population()).isEqualTo(PopulationProfile.NONE);
        assertThat(model.peers().population().percentile(PopulationMeasure.TX_COUNT_1H, 300))
                .isEqualTo(PopulationProfile.NEUTRAL);
        // Written again, it is still a version 1 file, so stored models and decisions keep naming it the same.
        assertThat(AnomalyModelCodec.toBytes(model)).isEqualTo(v1);
    }

    @Test
    void readsAModelWrittenByFormatVersionTwo() throws IOException {
        AnomalyModel model = read(fixture("anomaly-model-v2.bin"));

        assertThat(model.version()).isEqualTo(V2_VERSION);
        PopulationProfile population = model.peers().population();
        assertThat(population.percentile(PopulationMeasure.AMOUNT, 5_000)).isEqualTo(V2_PERCENTILE_OF_AMOUNT_5000);
        assertThat(population.percentile(PopulationMeasure.TX_COUNT_24H, 3)).isEqualTo(V2_PERCENTILE_OF_3_A_DAY);
        assertThat(train().version()).isEqualTo(V2_VERSION);
    }

    @Test
    void refusesPopulationQuantilesOfAMeasureThisTxmonDoesNotHave() throws IOException {
        byte[] bytes = AnomalyModelCodec.toBytes(train());
        // "amount" is the first measure written; "amoune" has the same length and is no feature.
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\u0000\u0006amount\u0000\u0000\u0000\u0064");
        assertThat(at).isPositive();
        bytes[at + 7] = 'e';

        assertThatThrownBy(() -> read(bytes))
                .isInstanceOf(IOException.class)
                .hasMessage("model file has population quantiles of 'amoune', which this txmon does not measure");
    }

    @Test
    void aModelCannotReadWhatTheDecisionWritesFromIt() {
        assertThatThrownBy(() -> AnomalyModelTrainer.builder(1)
                        .inputs(List.of(ModelInput.higher(Feature.TX_COUNT_1H_POPULATION_PCT))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inputs: tx_count_1h_population_pct is written by the decision from the model,"
                        + " so the model cannot read it");
    }

    private static AnomalyModel train() {
        return AnomalyModelTrainer.builder(7)
                .trees(5)
                .build()
                .train(HISTORY, Account::unknown, FeatureSettings.DEFAULTS);
    }

    private byte[] fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static AnomalyModel read(byte[] bytes) throws IOException {
        return AnomalyModelCodec.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }
}
