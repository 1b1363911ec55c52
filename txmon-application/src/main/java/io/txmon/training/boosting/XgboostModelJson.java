package io.txmon.training.boosting;

import io.txmon.boosting.BoostedTrees;
import io.txmon.boosting.RegressionTree;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the JSON model XGBoost writes ({@code booster.toByteArray("json")}) into the core's {@link BoostedTrees}.
 *
 * <p>The parts read, as XGBoost 3.4.0 writes them: {@code learner.objective.name}, which must be
 * {@code binary:logistic}; {@code learner.gradient_booster.name}, which must be {@code gbtree} (a linear booster or
 * DART's dropped-out trees would need other scoring); {@code learner.learner_model_param}'s {@code num_feature} and
 * {@code base_score}, a probability written as a string, either bare ({@code "5E-1"}) or as a one-element list
 * ({@code "[1.1E-1]"}, as 3.x writes it), whose logit is the base margin; and per tree the flat arrays
 * {@code left_children}, {@code right_children} (-1 at a leaf), {@code split_indices}, {@code split_conditions} (a
 * split's threshold, or a leaf's value), {@code default_left} (0/1), {@code sum_hessian} (each node's cover, which
 * explanations weigh branches by) and {@code split_type} (0 for a numerical split; categorical splits are refused).
 *
 * <p>Thresholds and leaf values are 32-bit floats in XGBoost; the JSON spells each as the shortest decimal that
 * reads back as that float. They are read as exact decimals and rounded once to a float, so that every tree here
 * holds the very floats the library holds: reading them as doubles first and then narrowing would round twice.
 */
public final class XgboostModelJson {
    /** The only objective read: a probability of the positive class through the logistic function. */
    public static final String OBJECTIVE = "binary:logistic";

    private static final String GBTREE = "gbtree";
    private static final int NUMERICAL_SPLIT = 0;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private XgboostModelJson() {}

    /**
     * The trees of a model saved as JSON by XGBoost.
     *
     * @throws IllegalArgumentException if the bytes are not JSON, the model's objective is not
     *     {@value #OBJECTIVE}, its booster not {@code gbtree}, it has categorical splits or more than one output, or
     *     a part is missing or malformed (the message names the part)
     */
    public static BoostedTrees read(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("an XGBoost model must be JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode learner = required(root, "learner", "learner");
        String objective = text(required(learner.path("objective"), "name", "learner.objective.name"));
        if (!OBJECTIVE.equals(objective)) {
            throw new IllegalArgumentException("the model's objective is " + objective + "; txmon scores only "
                    + OBJECTIVE + " models, whose margin is the log-odds of the positive class");
        }
        JsonNode booster = required(learner, "gradient_booster", "learner.gradient_booster");
        String boosterName = text(required(booster, "name", "learner.gradient_booster.name"));
        if (!GBTREE.equals(boosterName)) {
            throw new IllegalArgumentException(
                    "the model's booster is " + boosterName + "; txmon scores only " + GBTREE + " models");
        }
        JsonNode parameters = required(learner, "learner_model_param", "learner.learner_model_param");
        int features = integer(required(parameters, "num_feature", "learner_model_param.num_feature"));
        JsonNode targets = parameters.path("num_target");
        if (!targets.isMissingNode() && integer(targets) != 1) {
            throw new IllegalArgumentException(
                    "the model has " + text(targets) + " targets; txmon scores models with one (num_target 1)");
        }
        double baseScore = baseScore(text(required(parameters, "base_score", "learner_model_param.base_score")));
        JsonNode trees = required(required(booster, "model", "learner.gradient_booster.model"), "trees", "trees");
        List<RegressionTree> read = new ArrayList<>(trees.size());
        for (int t = 0; t < trees.size(); t++) {
            read.add(tree(trees.get(t), t));
        }
        return new BoostedTrees(read, BoostedTrees.marginOf(baseScore), features);
    }

    /**
     * The same model cut to its first {@code rounds} boosting rounds, as XGBoost would have saved it had training
     * stopped there: XGBoost's Java API cannot slice a model, and growing those rounds again would cost as much as
     * growing them the first time. The trees are listed round by round, so the model's {@code trees} and
     * {@code tree_info} keep their first {@code iteration_indptr[rounds]} entries, {@code iteration_indptr} its
     * first {@code rounds + 1}, and {@code gbtree_model_param.num_trees} says how many trees are left. Everything
     * else, the base score included, is the same for any number of rounds and stays as written. Numbers are
     * written back as the very decimals read, so the library loads the same floats.
     *
     * @throws IllegalArgumentException if the bytes are not JSON, the model is not {@code gbtree}, a part named above
     *     is missing or malformed, or {@code rounds} is not within 1 and the model's rounds
     */
    public static byte[] firstRounds(byte[] json, int rounds) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("an XGBoost model must be JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode booster =
                required(required(root, "learner", "learner"), "gradient_booster", "learner.gradient_booster");
        String boosterName = text(required(booster, "name", "learner.gradient_booster.name"));
        if (!GBTREE.equals(boosterName)) {
            throw new IllegalArgumentException(
                    "the model's booster is " + boosterName + "; only " + GBTREE + " models are cut to rounds");
        }
        JsonNode model = required(booster, "model", "learner.gradient_booster.model");
        int[] indptr = integers(model, "iteration_indptr", "learner.gradient_booster.model");
        int trained = indptr.length - 1;
        if (rounds < 1 || rounds > trained) {
            throw new IllegalArgumentException(
                    "cannot keep " + rounds + " rounds of a model of " + trained + "; keep from 1 to " + trained);
        }
        int trees = indptr[rounds];
        ArrayNode treeList = array(model, "trees");
        ArrayNode treeInfo = array(model, "tree_info");
        if (treeList.size() != indptr[trained] || treeInfo.size() != indptr[trained]) {
            throw new IllegalArgumentException("the XGBoost model has " + treeList.size() + " trees and "
                    + treeInfo.size() + " tree_info entries; its iteration_indptr says " + indptr[trained]);
        }
        cut(treeList, trees);
        cut(treeInfo, trees);
        cut(array(model, "iteration_indptr"), rounds + 1);
        JsonNode parameters = required(model, "gbtree_model_param", "gbtree_model_param");
        if (!(parameters instanceof ObjectNode writable)) {
            throw new IllegalArgumentException("gbtree_model_param must be an object, was " + parameters);
        }
        // XGBoost writes its parameters as strings.
        writable.put("num_trees", Integer.toString(trees));
        spellFloatsAsFloats(root);
        return JSON.writeValueAsBytes(root);
    }

    /**
     * XGBoost tells a float from an integer by its spelling and refuses an integer where it expects a float, but a
     * float read as a decimal forgets its spelling: {@code 0E0} would be written back as {@code 0}. A decimal point
     * keeps it a float, at the same value.
     */
    private static void spellFloatsAsFloats(JsonNode node) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                if (spelledAsInteger(element)) {
                    array.set(i, DecimalNode.valueOf(element.decimalValue().setScale(1)));
                } else {
                    spellFloatsAsFloats(element);
                }
            }
        } else if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(name);
                if (spelledAsInteger(value)) {
                    object.set(name, DecimalNode.valueOf(value.decimalValue().setScale(1)));
                } else {
                    spellFloatsAsFloats(value);
                }
            }
        }
    }

    private static boolean spelledAsInteger(JsonNode value) {
        return value.isBigDecimal() && value.decimalValue().scale() <= 0;
    }

    private static ArrayNode array(JsonNode model, String field) {
        JsonNode node = required(model, field, field);
        if (!(node instanceof ArrayNode array)) {
            throw new IllegalArgumentException(field + " must be a list, was " + node);
        }
        return array;
    }

    private static void cut(ArrayNode array, int size) {
        while (array.size() > size) {
            array.remove(array.size() - 1);
        }
    }

    /**
     * A base score as XGBoost writes it: {@code "5E-1"}, or in 3.x a list of one per target, {@code "[5E-1]"}.
     */
    static double baseScore(String written) {
        String value = written.strip();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1).strip();
        }
        if (value.contains(",")) {
            throw new IllegalArgumentException(
                    "base_score " + written + " has more than one value; txmon scores models with one target");
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("base_score " + written + " is not a number", e);
        }
    }

    private static RegressionTree tree(JsonNode tree, int t) {
        String where = "tree " + t;
        int[] left = integers(tree, "left_children", where);
        int nodes = left.length;
        int[] right = integers(tree, "right_children", where);
        int[] feature = integers(tree, "split_indices", where);
        JsonNode conditions = required(tree, "split_conditions", where + ".split_conditions");
        JsonNode defaultLeft = required(tree, "default_left", where + ".default_left");
        JsonNode sumHessian = required(tree, "sum_hessian", where + ".sum_hessian");
        JsonNode splitType = tree.path("split_type");
        if (right.length != nodes
                || feature.length != nodes
                || conditions.size() != nodes
                || defaultLeft.size() != nodes
                || sumHessian.size() != nodes
                || (!splitType.isMissingNode() && splitType.size() != nodes)) {
            throw new IllegalArgumentException(where + " has arrays of different lengths; each needs one entry for"
                    + " each of its " + nodes + " nodes");
        }
        float[] threshold = new float[nodes];
        float[] leafValue = new float[nodes];
        boolean[] missingGoesLeft = new boolean[nodes];
        float[] cover = new float[nodes];
        for (int node = 0; node < nodes; node++) {
            // XGBoost keeps a node's sum of hessians as a float too.
            cover[node] = exactFloat(sumHessian.get(node), where + ".sum_hessian[" + node + "]");
            float condition = exactFloat(conditions.get(node), where + ".split_conditions[" + node + "]");
            if (left[node] < 0) {
                leafValue[node] = condition;
            } else {
                threshold[node] = condition;
                if (!splitType.isMissingNode() && integer(splitType.get(node)) != NUMERICAL_SPLIT) {
                    throw new IllegalArgumentException(
                            where + " splits node " + node + " on categories; txmon scores numerical splits only");
                }
            }
            missingGoesLeft[node] = flag(defaultLeft.get(node), where + ".default_left[" + node + "]");
        }
        try {
            return new RegressionTree(feature, threshold, left, right, missingGoesLeft, leafValue, cover);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode parent, String field, String name) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            throw new IllegalArgumentException("the XGBoost model has no " + name);
        }
        return node;
    }

    private static int[] integers(JsonNode tree, String field, String where) {
        JsonNode array = required(tree, field, where + "." + field);
        if (!array.isArray()) {
            throw new IllegalArgumentException(where + "." + field + " must be a list, was " + array);
        }
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = array.get(i);
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw new IllegalArgumentException(
                        where + "." + field + "[" + i + "] must be an integer, was " + value);
            }
            values[i] = value.intValue();
        }
        return values;
    }

    /** The float a decimal spells, rounded once (see the class comment). */
    private static float exactFloat(JsonNode value, String name) {
        if (!value.isNumber()) {
            throw new IllegalArgumentException(name + " must be a number, was " + value);
        }
        return Float.parseFloat(value.decimalValue().toString());
    }

    /** A flag written as 0/1 or as a boolean. */
    private static boolean flag(JsonNode value, String name) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && value.canConvertToInt() && (value.intValue() == 0 || value.intValue() == 1)) {
            return value.intValue() == 1;
        }
        throw new IllegalArgumentException(name + " must be 0, 1 or a boolean, was " + value);
    }

    /** A number XGBoost writes as a string ({@code "3"}) or, in places, as a number. */
    private static int integer(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        try {
            return Integer.parseInt(text(value).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an integer in the XGBoost model, found " + value, e);
        }
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.stringValue() : value.toString();
    }
}
