/* The "Print this page" button on the checklist page. */
