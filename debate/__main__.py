from debate.cli import main

raise SystemExit(main())
