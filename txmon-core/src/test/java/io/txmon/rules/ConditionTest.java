package io.txmon.rules;

import static io.txmon.rules.Vectors.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.features.Feature;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConditionTest {
    private static final Map<String, Double> PARAMETERS = Map.of("high_amount", 10_000.0, "factor", 3.0);

    private static Condition compile(String source) {
        return Condition.compile(source, PARAMETERS);
    }

    private static boolean holds(String source, double[] features) {
        return compile(source).test(features);
    }

    private static double[] amount(double amount) {
        return vector().with(Feature.AMOUNT, amount).build();
    }

    @Nested
    class Meaning {
        @Test
        void comparesAFeatureWithAParameter() {
            assertThat(holds("amount > high_amount", amount(10_000.01))).isTrue();
            assertThat(holds("amount > high_amount", amount(10_000))).isFalse();
        }

        @Test
        void comparesAFeatureWithIntegerAndDecimalLiteralsAlike() {
            for (String source :
                    new String[] {"amount >= 10000", "amount >= 10000.0", "amount >= 1e4", "1e4 <= amount"}) {
                assertThat(holds(source, amount(10_000))).as(source).isTrue();
                assertThat(holds(source, amount(9_999.99))).as(source).isFalse();
            }
        }

        @Test
        void readsEachFeatureAtItsOwnIndex() {
            for (Feature feature : Feature.values()) {
                double[] features = vector().with(feature, 7.5).build();
                assertThat(holds(feature.featureName() + " == 7.5", features))
                        .as(feature.featureName())
                        .isTrue();
            }
        }

        @Test
        void doesArithmeticInDoubles() {
            double[] features = vector().with(Feature.TX_SUM_24H, 10)
                    .with(Feature.TX_COUNT_24H, 4)
                    .build();
            assertThat(holds("tx_sum_24h / tx_count_24h == 2.5", features)).isTrue();
            assertThat(holds("tx_sum_24h - tx_count_24h * 2.0 == 2.0", features))
                    .isTrue();
            assertThat(holds("(tx_sum_24h - tx_count_24h) * 2.0 == 12.0", features))
                    .isTrue();
            assertThat(holds("-tx_sum_24h + 1.0 == -9.0", features)).isTrue();
        }

        @Test
        void dividesByZeroToInfinityLikeCelInsteadOfFailing() {
            assertThat(holds("amount / tx_count_1m > 1.0e300", amount(5))).isTrue();
        }

        @Test
        void givesAndPrecedenceOverOr() {
            String source = "amount > 1.0 || amount < 0.0 && false";
            assertThat(holds(source, amount(2))).isTrue();
        }

        @Test
        void evaluatesTheChosenBranchOfAChoice() {
            String source = "amount > (is_business > 0 ? 100.0 : 10.0)";
            assertThat(holds(source, vector().with(Feature.AMOUNT, 50).build())).isTrue();
            assertThat(holds(
                            source,
                            vector().with(Feature.AMOUNT, 50)
                                    .with(Feature.IS_BUSINESS, 1)
                                    .build()))
                    .isFalse();
        }

        @Test
        void choosesBetweenBooleans() {
            String source = "is_transfer > 0 ? cp_balance > 70000 : balance > 70000";
            assertThat(holds(source, vector().with(Feature.BALANCE, 80_000).build()))
                    .isTrue();
            assertThat(holds(
                            source,
                            vector().with(Feature.IS_TRANSFER, 1)
                                    .with(Feature.BALANCE, 80_000)
                                    .build()))
                    .isFalse();
        }

        @Test
        void negatesWithNotAndComparesBooleans() {
            assertThat(holds("!(amount > 5.0)", amount(4))).isTrue();
            assertThat(holds("!!(amount > 5.0)", amount(4))).isFalse();
            assertThat(holds("(amount > 5.0) == false", amount(4))).isTrue();
            assertThat(holds("(amount > 5.0) != (amount > 3.0)", amount(4))).isTrue();
        }

        @Test
        void offersCelsMathFunctions() {
            double[] features = vector().with(Feature.IN_SUM_24H, 120_000)
                    .with(Feature.OUT_SUM_24H, 30_000)
                    .with(Feature.AMOUNT_ZSCORE_30D, -4)
                    .build();
            assertThat(holds("math.greatest(in_sum_24h, out_sum_24h) > 100000", features))
                    .isTrue();
            assertThat(holds("math.least(in_sum_24h, out_sum_24h, 50000.0) == 30000.0", features))
                    .isTrue();
            assertThat(holds("math.abs(amount_zscore_30d) > factor", features)).isTrue();
        }

        @Test
        void foldsParametersAndLiteralsWithoutChangingTheResult() {
            assertThat(holds("amount > high_amount * 2.0 - 5000.0", amount(15_000.5)))
                    .isTrue();
            assertThat(holds("amount > high_amount * 2.0 - 5000.0", amount(15_000)))
                    .isFalse();
            assertThat(holds("true && amount > 1.0", amount(2))).isTrue();
            assertThat(holds("false || amount > 1.0", amount(0.5))).isFalse();
            assertThat(holds("3 > 2 || amount > 1.0", amount(0.5))).isTrue();
        }

        @Test
        void ignoresSpacingAndLineBreaks() {
            assertThat(holds("amount\n  >\thigh_amount", amount(20_000))).isTrue();
        }

        @Test
        void comparesDoublesByIeeeSoThatNanSatisfiesNoOrdering() {
            double[] nan = amount(Double.NaN);
            assertThat(holds("amount > 1.0", nan)).isFalse();
            assertThat(holds("amount <= 1.0", nan)).isFalse();
            assertThat(holds("amount != amount", nan)).isTrue();
            assertThat(holds("-amount >= 0.0", amount(0))).isTrue();
        }

        @Test
        void comparesWithIntegerLiteralsInCelsCrossTypeOrderWhereNanIsGreatestAndMinusZeroIsBelowZero() {
            double[] nan = amount(Double.NaN);
            assertThat(holds("amount > 1", nan)).isTrue();
            assertThat(holds("amount >= 1", nan)).isTrue();
            assertThat(holds("amount < 1", nan)).isFalse();
            assertThat(holds("1 < amount", nan)).isTrue();
            assertThat(holds("-amount >= 0", amount(0))).isFalse();
            assertThat(holds("-amount < 0", amount(0))).isTrue();
            assertThat(holds("amount >= -0", amount(0))).isTrue();
        }

        @Test
        void listsTheFeaturesItReadsInFeatureOrder() {
            Condition condition = compile("tx_count_1m > 3 && amount > high_amount || tx_count_1m > 10");
            assertThat(condition.features()).containsExactly(Feature.AMOUNT, Feature.TX_COUNT_1M);
            assertThat(condition.featureNames()).isEqualTo("amount, tx_count_1m");
        }

        @Test
        void keepsItsSourceText() {
            assertThat(compile("amount  >  high_amount").source()).isEqualTo("amount  >  high_amount");
        }

        @Test
        void canonicalFormIgnoresSpacingParenthesesAndDecimalSpelling() {
            assertThat(compile("((amount > 1e4)) && tx_count_1m>3").canonical())
                    .isEqualTo(compile("amount > 10000.0 && (tx_count_1m > 3)").canonical())
                    .isEqualTo("((amount > 10000.0) && (tx_count_1m > 3))");
        }

        @Test
        void canonicalFormKeepsIntegerAndDecimalLiteralsApartBecauseCelComparesThemDifferently() {
            assertThat(compile("amount > 1").canonical())
                    .isNotEqualTo(compile("amount > 1.0").canonical());
        }

        @Test
        void rejectsAVectorOfTheWrongLength() {
            assertThatThrownBy(() -> compile("amount > 1").test(new double[3]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("features must hold Feature.COUNT = " + Feature.COUNT + " values, had 3");
        }
    }

    @Nested
    class Errors {
        private void rejects(String source, int column, String problem) {
            assertThatThrownBy(() -> compile(source)).isInstanceOfSatisfying(InvalidConditionException.class, e -> {
                assertThat(e.problem()).isEqualTo(problem);
                assertThat(e.column()).isEqualTo(column);
                assertThat(e).hasMessage("column " + column + ": " + problem);
            });
        }

        @Test
        void namesAnUnknownNameWithItsColumnAndTheClosestFeature() {
            rejects("tx_count_1m > 3 && amout > 5.0", 20, "unknown name 'amout' (did you mean 'amount'?)");
            rejects("distinct_city_1m >= 2", 1, "unknown name 'distinct_city_1m' (did you mean 'distinct_cities_1m'?)");
        }

        @Test
        void suggestsAParameterWhenThatIsClosest() {
            rejects("amount > hihg_amount", 10, "unknown name 'hihg_amount' (did you mean 'high_amount'?)");
        }

        @Test
        void requiresAConditionToBeTrueOrFalse() {
            rejects("amount * 2.0", 1, "a condition must be true or false, but this one is a number");
        }

        @Test
        void refusesArithmeticOnBooleans() {
            rejects("(amount > 1.0) + 1.0 > 2.0", 2, "'+' needs numbers, but the operand at column 2 is true/false");
            rejects("-(amount > 1.0) < 0.0", 1, "'-' needs a number, but its operand is true/false");
        }

        @Test
        void refusesLogicOnNumbers() {
            rejects(
                    "amount > 1.0 && tx_count_1m",
                    17,
                    "'&&' needs true/false on both sides, but the side at column 17 is a number");
            rejects("!amount", 1, "'!' needs true/false, but its operand is a number");
            rejects("amount ? true : false", 1, "the part before '?' must be true or false, but it is a number");
        }

        @Test
        void refusesOrderingBooleans() {
            rejects("(amount > 1.0) < true", 16, "'<' compares numbers, but its left side is true/false");
        }

        @Test
        void refusesComparingABooleanWithANumber() {
            rejects("(amount > 1.0) == 1.0", 16, "'==' compares true/false with a number, which CEL rejects");
        }

        @Test
        void asksForADecimalPointWhereCelWouldTreatAnIntegerAsAnInt() {
            rejects("is_card == 1", 12, "'==' between a double and the integer 1 is a type error in CEL; write 1.0");
            rejects(
                    "amount * 2 > 1.0",
                    10,
                    "the integer 2 cannot be used with '*': CEL reads it as an int and does not mix ints with"
                            + " doubles; write 2.0");
            rejects(
                    "amount > (is_business > 0 ? 100 : 10.0)",
                    29,
                    "the integer 100 as a branch of '?:' is an int to CEL and does not mix with doubles; write 100.0");
            rejects(
                    "math.abs(-3) > amount",
                    10,
                    "the integer -3 cannot be used with math.abs: CEL reads it as an int and does not mix ints with"
                            + " doubles; write -3.0");
        }

        @Test
        void requiresBothBranchesOfAChoiceToHaveOneType() {
            rejects(
                    "amount > 1.0 ? true : 2.0",
                    14,
                    "both branches of '?:' must be numbers or both true/false, but one is true/false and the other"
                            + " a number");
        }

        @Test
        void reportsSyntaxErrorsAtTheirColumn() {
            rejects("amount > ", 10, "the condition ends where a number, a name or '(' was expected");
            rejects("amount > 1 1", 12, "unexpected number 1");
            rejects("(amount > 1", 12, "expected the ')' closing the '(' at column 1 but the condition ends");
            rejects("amount >> 1", 9, "expected a number, a name or '(' but found '>'");
            rejects("", 1, "the condition is empty");
        }

        @Test
        void explainsOperatorsFromOtherLanguages() {
            rejects("amount = 1.0", 8, "'=' is not an operator; write '==' to compare");
            rejects("amount > 1.0 and amount < 5.0", 14, "unexpected name 'and'; write '&&' for 'and'");
            rejects("amount > 1.0 & amount < 5.0", 14, "'&' is not an operator; write '&&'");
            rejects("amount % 2.0 == 0.0", 8, "'%' is not supported: CEL has no remainder of doubles");
            rejects("merchant_type == 'atm'", 18, "text in quotes is not supported; conditions are about numbers");
        }

        @Test
        void rejectsNumbersCelWouldReadDifferently() {
            rejects("amount > 10_000", 10, "malformed number '10_000'; write digits without separators, such as 10000");
            rejects("amount > 5.", 10, "malformed number '5.'; write numbers like 10000, 0.5 or 1.5e4");
            rejects(
                    "amount > 9007199254740993",
                    10,
                    "integer 9007199254740993 is above 9007199254740992, where doubles stop being exact; write it"
                            + " with a decimal point");
            rejects("amount > 1e999", 10, "number 1e999 is out of range");
        }

        @Test
        void acceptsOnlyCelsMathFunctions() {
            rejects(
                    "math.sqrt(amount) > 1.0",
                    1,
                    "unknown function 'math.sqrt' (did you mean 'math.abs'?); the functions are math.abs,"
                            + " math.greatest, math.least");
            rejects(
                    "abs(amount) > 1.0",
                    1,
                    "unknown function 'abs' (did you mean 'math.abs'?); the functions are math.abs, math.greatest,"
                            + " math.least");
            rejects("math.greatest(amount) > 1.0", 1, "math.greatest takes two or more arguments, not 1");
            rejects("math.abs(amount, balance) > 1.0", 1, "math.abs takes one argument, not 2");
        }

        @Test
        void refusesFieldAccess() {
            rejects(
                    "account.age > 1.0",
                    1,
                    "'account.age' selects a field, which the rule language does not have; names are plain features"
                            + " or parameters");
        }

        @Test
        void refusesAChoiceInsideATrueBranchWithoutParenthesesAsCelDoes() {
            rejects(
                    "amount > 1.0 ? amount > 2.0 ? true : false : false",
                    29,
                    "put a '?:' inside the true branch of another one in parentheses, as CEL does");
            assertThat(holds("amount > 1.0 ? (amount > 2.0 ? true : false) : false", amount(3)))
                    .isTrue();
        }

        @Test
        void readsRelationsLeftToRightAtOneLevelAsCelDoes() {
            assertThat(holds("amount > 1.0 == true", amount(2))).isTrue();
            rejects("amount > 1.0 == balance > 2.0", 14, "'==' compares true/false with a number, which CEL rejects");
        }

        @Test
        void limitsNesting() {
            int parentheses = Condition.MAX_NESTING - 1;
            String deepest = "(".repeat(parentheses) + "amount > 1.0" + ")".repeat(parentheses);
            assertThat(holds(deepest, amount(2))).isTrue();
            String tooDeep = "(" + deepest + ")";
            rejects(tooDeep, Condition.MAX_NESTING + 1, "the condition is nested more than 64 levels deep");
        }

        @Test
        void limitsLength() {
            String longCondition = "amount > 1.0" + " ".repeat(Condition.MAX_LENGTH);
            rejects(
                    longCondition,
                    Condition.MAX_LENGTH + 1,
                    "the condition is " + longCondition.length() + " characters long, the limit is 4096");
        }

        @Test
        void refusesAParameterNamedLikeAFeature() {
            assertThatThrownBy(() -> Condition.compile("amount > 1.0", Map.of("amount", 1.0)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("parameter 'amount': a parameter may not have the name of a feature");
        }
    }
}
