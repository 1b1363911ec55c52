package io.txmon.simulator;

/** What a business does, which decides how money flows through its account. */
enum BusinessKind {
    /** Shops, cafés and restaurants: card takings settled daily by an acquirer, cash takings paid in. */
    RETAILER,
    /** Sells by bank transfer, so many customers pay it small sums. */
    ONLINE_SELLER,
    /** Builders, garages, car dealers: paid by transfer for larger jobs, often by new customers. */
    TRADES,
    /** Energy, water, telecoms, insurance, council tax: collects bills by direct debit from thousands. */
    UTILITY,
    /** Collects rents from tenants and passes them on to landlords within days. */
    LETTING_AGENCY,
    /** A company or public body banking elsewhere that pays salaries. */
    EMPLOYER,
    /** Collects mortgage payments. */
    LENDER,
    /** Settles the card takings of shops every night. */
    ACQUIRER,
    /** Pays pensions and benefits every month. */
    PENSION_PAYER,
    /** Wholesalers shops pay for stock. */
    SUPPLIER
}
