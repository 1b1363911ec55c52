package io.txmon.simulator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;

/** The day of the month an employer pays salaries, moved to the working day before when it is a weekend. */
enum Payday {
    LAST_WORKING_DAY,
    TWENTY_FIFTH,
    TWENTY_EIGHTH,
    FIFTEENTH,
    FIRST;

    /** The payday in a month. */
    LocalDate in(YearMonth month) {
        LocalDate day =
                switch (this) {
                    case LAST_WORKING_DAY -> month.atEndOfMonth();
                    case TWENTY_FIFTH -> month.atDay(25);
                    case TWENTY_EIGHTH -> month.atDay(28);
                    case FIFTEENTH -> month.atDay(15);
                    case FIRST -> month.atDay(1);
                };
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.minusDays(1);
        }
        return day;
    }
}
