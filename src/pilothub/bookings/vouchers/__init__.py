"""Innovation vouchers (创新券): per-region rules as data, yearly wallets, and their use on orders."""
