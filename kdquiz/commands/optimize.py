"""`kdquiz optimize`: fit personal FSRS parameters and adopt them only if they predict better."""

from __future__ import annotations

import argparse

from kdquiz.commands.common import add_data_dir, print_warnings, resolve_data_dir

#: The --min-reviews default: kdquiz.core.optimize.MIN_REVIEWS (a test checks), repeated here so
#: building the parser does not import the optimizer.
MIN_REVIEWS = 400


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "optimize",
        help="fit FSRS parameters to your own reviews",
        description="Fit FSRS parameters on the first 80%% of your review log (by time), then "
        "compare how well the parameters in use and the fitted ones predict the last "
        "20%% (log loss and RMSE over bins, lower is better). The fitted ones are "
        "adopted only when they are better on both.",
    )
    parser.add_argument("--dry-run", action="store_true", help="show the comparison, adopt nothing")
    parser.add_argument(
        "--min-reviews",
        type=int,
        default=MIN_REVIEWS,
        metavar="N",
        help=f"refuse to fit on fewer reviews than this (default {MIN_REVIEWS})",
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help="forget personal parameters and go back to the defaults",
    )
    parser.add_argument("--json", action="store_true", help="print the comparison as JSON")
    add_data_dir(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import json

    from kdquiz.core.fsrs_parameters import remove_parameters, save_parameters
    from kdquiz.core.optimize import compare, reviews_from_log
    from kdquiz.core.plural import plural
    from kdquiz.services import make_services

    data_dir = resolve_data_dir(args)
    if args.reset:
        print(
            "Personal parameters removed; the defaults are used again."
            if remove_parameters(data_dir)
            else "There were no personal parameters; the defaults are in use."
        )
        return 0
    services = make_services(data_dir)
    print_warnings(services.store.wait_for_backup())
    try:
        reviews = reviews_from_log(services.store.log_entries())
    finally:
        services.store.close()
    settings = services.settings
    result = compare(
        reviews,
        current=settings.parameters,
        min_reviews=args.min_reviews,
        relearning_steps=len(settings.defaults.relearning_steps),
    )
    adopted = result.adopt and not args.dry_run
    if adopted:
        save_parameters(
            data_dir,
            result.parameters,
            {
                "fitted": services.clock().isoformat(),
                **{k: v for k, v in result.to_dict().items() if k != "fitted_parameters"},
            },
        )
    if args.json:
        print(json.dumps({**result.to_dict(), "saved": adopted}, indent=2))
        return 0
    current = "personal parameters in use" if result.current_parameters else "default parameters"
    width = max(len(current), len("fitted parameters"))
    print(
        f"{plural(result.total, 'review')}: fitted on the first {result.train}, tested on "
        f"{result.current.reviews} later reviews (from {result.cutoff.date().isoformat()}) "
        "that came a day or more after the previous one."
    )
    print(f"  {'':<{width}}  {'log loss':>8}  {'RMSE (bins)':>11}")
    for name, m in ((current, result.current), ("fitted parameters", result.fitted)):
        print(f"  {name:<{width}}  {m.log_loss:>8.4f}  {m.rmse_bins:>11.4f}")
    if result.adopt:
        print(
            "The fitted parameters predict your reviews better on both measures: "
            + (
                "adopted; new intervals use them from now on."
                if adopted
                else "not saved (--dry-run)."
            )
        )
    else:
        print(f"The fitted parameters are not better on both measures; keeping the {current}.")
    return 0
