package dev.redflag.scorecard;

/**
 * How busy one series is: its mean events a day (sessions, answers, leads, signups, orders) or, for
 * churn, its customer base.
 *
 * @param label as the report prints it, e.g. {@code 12/h}, {@code 3000 customers}
 */
record Volume(String label, double perDay) {

    static Volume perDay(double n) {
        return new Volume(whole(n) + "/d", n);
    }

    static Volume perHour(double n) {
        return new Volume(whole(n) + "/h", 24 * n);
    }

    static Volume customers(double n) {
        return new Volume(whole(n) + " customers", n);
    }

    double perHour() {
        return perDay / 24;
    }

    private static String whole(double n) {
        return n == Math.rint(n) ? Long.toString((long) n) : Double.toString(n);
    }
}
