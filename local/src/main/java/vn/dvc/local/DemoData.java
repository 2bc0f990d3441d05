package vn.dvc.local;

/** Seeds the demo data the README walks through. */
final class DemoData {
    private DemoData() {}

    static void seed(LocalSuite suite) {
        // Reference data (units, agencies, the procedure catalog) is bundled with the functions; the catalog table
        // only holds operator-published versions. Demo citizens and dossiers are added by the capabilities that use them.
    }
}
