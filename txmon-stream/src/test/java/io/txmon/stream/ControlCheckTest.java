package io.txmon.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.formats.rules.RuleFile;
import io.txmon.model.AnomalyModelCodec;
import java.util.List;
import java.util.Optional;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The check every control message passes before any task sees it, alone, on a job running the default rules. */
class ControlCheckTest {
    private static final long RECEIVED_AT = 1_770_022_800_000L;

    private OneInputStreamOperatorTestHarness<ControlMessage, ControlMessage> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forProcessFunction(
                new ControlCheck(WhatDecides.of(Optional.empty(), Optional.empty())));
        harness.setProcessingTime(RECEIVED_AT);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aRuleFileThatDoesNotParseIsRefusedWithItsReasonAndNotPassedOn() throws Exception {
        String broken = ControlFixtures.defaultRuleFile().replace("weight: 0.5", "weight: heavy");

        harness.processElement(ControlMessage.rules("rules.yaml at offset 7", broken), RECEIVED_AT);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(refused()).singleElement().satisfies(error -> {
            assertThat(error.origin()).isEqualTo("rules.yaml at offset 7");
            assertThat(error.kind()).isEqualTo("RULES");
            assertThat(error.reason()).contains("rules.yaml at offset 7").contains("weight");
            assertThat(error.receivedAtMillis()).isEqualTo(RECEIVED_AT);
        });
    }

    @Test
    void aRuleSetWithOtherFeatureSettingsIsRefusedAndSaysARestartFromASavepointIsNeeded() throws Exception {
        harness.processElement(
                ControlMessage.rules("threshold.yaml", ControlFixtures.otherFeatureSettingsRuleFile()), RECEIVED_AT);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(refused()).singleElement().satisfies(error -> {
            assertThat(error.reason()).contains("other feature settings").contains("restart the job from a savepoint");
        });
    }

    @Test
    void aModelThatDoesNotDecodeIsRefusedWithItsReason() throws Exception {
        harness.processElement(ControlMessage.model("model.bin", new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), RECEIVED_AT);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(refused()).singleElement().satisfies(error -> {
            assertThat(error.kind()).isEqualTo("MODEL");
            assertThat(error.reason()).startsWith("the model cannot be read");
        });
    }

    @Test
    void aValidRuleSetAndAValidModelArePassedOnToTheTasks() throws Exception {
        ControlMessage rules = ControlMessage.rules("stricter.yaml", ControlFixtures.stricterRuleFile());
        ControlMessage model = ControlMessage.model("model.bin", AnomalyModelCodec.toBytes(ControlFixtures.model()));

        harness.processElement(rules, RECEIVED_AT);
        harness.processElement(model, RECEIVED_AT);

        assertThat(harness.extractOutputValues()).containsExactly(rules, model);
        assertThat(refused()).isEmpty();
        assertThat(RuleFile.parse(ControlFixtures.stricterRuleFile(), "stricter")
                        .version())
                .as("the stricter copy is another rule set version")
                .isNotEqualTo(RuleFile.defaults().version());
    }

    @Test
    void aSupervisedModelIsPassedOnWhenItDecodesAndRefusedWithItsReasonWhenNot() throws Exception {
        ControlMessage valid = ControlMessage.supervised("supervised.bin", ControlFixtures.supervisedModel());

        harness.processElement(valid, RECEIVED_AT);
        harness.processElement(ControlMessage.supervised("broken.bin", new byte[] {1, 2, 3, 4}), RECEIVED_AT);

        assertThat(harness.extractOutputValues()).containsExactly(valid);
        assertThat(refused()).singleElement().satisfies(error -> {
            assertThat(error.kind()).isEqualTo("SUPERVISED");
            assertThat(error.reason()).startsWith("the supervised model cannot be read");
        });
    }

    private List<ControlError> refused() {
        var queue = harness.getSideOutput(ControlCheck.REFUSED);
        return queue == null
                ? List.of()
                : queue.stream().map(StreamRecord::getValue).toList();
    }
}
