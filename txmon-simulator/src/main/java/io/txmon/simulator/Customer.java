package io.txmon.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A personal customer of the bank and the traits their everyday activity is drawn from.
 *
 * @param id the account id
 * @param home where they live
 * @param openedAt when the account was opened
 * @param openingBalance balance at the start of the period (or at opening), in cents
 * @param standing where the account stands in its life
 * @param activeFrom epoch second ordinary activity starts (the window's end for an account that stays
 *     dormant)
 * @param occupation where their money comes from
 * @param incomeFrom the account that pays them every month: employer, pension payer or family
 * @param monthlyIncome net monthly income in the base currency
 * @param spendLevel how much they spend per purchase compared with a typical customer
 * @param hours their daily rhythm
 * @param devices what they bank and shop online from
 * @param savingsAccount their own account at another bank
 * @param housing their rent or mortgage, if they pay one
 * @param contacts friends and family they send money to and receive it from
 */
record Customer(
        String id,
        City home,
        Instant openedAt,
        long openingBalance,
        Standing standing,
        long activeFrom,
        Occupation occupation,
        String incomeFrom,
        double monthlyIncome,
        double spendLevel,
        HourProfile hours,
        Devices devices,
        String savingsAccount,
        Optional<Housing> housing,
        List<String> contacts) {

    Customer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(standing, "standing");
        Objects.requireNonNull(occupation, "occupation");
        Objects.requireNonNull(incomeFrom, "incomeFrom");
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(savingsAccount, "savingsAccount");
        Objects.requireNonNull(housing, "housing");
        contacts = List.copyOf(contacts);
    }

    /** A copy with other contacts; the social graph is drawn after everyone exists. */
    Customer withContacts(List<String> newContacts) {
        return new Customer(
                id,
                home,
                openedAt,
                openingBalance,
                standing,
                activeFrom,
                occupation,
                incomeFrom,
                monthlyIncome,
                spendLevel,
                hours,
                devices,
                savingsAccount,
                housing,
                newContacts);
    }

    /** Whether the account moves money in everyday life (not dormant at the start). */
    boolean everyday() {
        return standing == Standing.REGULAR || standing == Standing.NEW;
    }
}
