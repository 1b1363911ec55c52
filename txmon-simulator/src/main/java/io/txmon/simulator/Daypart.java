package io.txmon.simulator;

/**
 * When in the day a kind of purchase happens, as a relative weight per local hour (at most 1). Combined
 * with each person's own rhythm, it puts coffee in the morning and bars in the evening.
 */
enum Daypart {
    ANY(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}),
    DAYTIME(new double[] {.15, .1, .08, .08, .1, .2, .4, .7, .9, 1, 1, 1, 1, 1, 1, 1, 1, 1, .95, .85, .7, .5, .35, .2}),
    MORNING(new double[] {
        .1, .05, .05, .05, .1, .3, .8, 1, 1, .9, .8, .7, .6, .55, .5, .45, .4, .35, .25, .15, .1, .1, .1, .1
    }),
    MEALS(new double[] {.3, .25, .15, .1, .1, .1, .2, .35, .35, .3, .4, .8, 1, .9, .5, .4, .5, .8, 1, .9, .7, .6, .5, .4
    }),
    EVENING(new double[] {
        .4, .25, .15, .1, .05, .05, .05, .1, .15, .2, .25, .35, .5, .5, .45, .45, .55, .75, 1, 1, .95, .8, .65, .5
    }),
    NIGHT_OUT(new double[] {
        .8, .6, .35, .15, .05, .02, .02, .02, .02, .05, .1, .2, .35, .35, .3, .3, .4, .6, .8, .95, 1, 1, 1, .95
    }),
    COMMUTE(new double[] {
        .3, .2, .1, .1, .15, .35, .8, 1, 1, .6, .45, .45, .5, .5, .5, .6, .8, 1, 1, .7, .5, .45, .4, .35
    });

    private final double[] weights;

    Daypart(double[] weights) {
        this.weights = weights;
    }

    /** The relative weight of a local hour, 0 to 1. */
    double weight(int hour) {
        return weights[hour];
    }
}
