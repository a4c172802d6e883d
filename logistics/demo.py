"""The logistics section of a synthetic demo plan (see `plans.demo`)."""

from datetime import date

from logistics import models
from plans.demo import reference_rows, scaled

VEHICLE_TYPES = ["Jeep", "Vigo", "Toyota Pickup", "Hyundai Pickup", "Car", "Bus", "Jail Van", "Truck", "Tow Truck"]
VEHICLE_TYPES += ["Ambulance", "Mobile Khidmat Markaz", "Science Laboratory"]
DEPLOYMENTS = ["Police Stations", "Police Posts", "Elite", "G.O", "Police Line", "CIA", "Traffic"]

ARMS = [
    "Rifle Semi 7.62x39 MM Bore",
    "Rifle G-3 7.62 x 51 MM Bore",
    "Rifle SMG 7.62 x 39 MM Bore",
    "Rifle Muscat 410 Bore",
    "MP-5 9 x 19 MM Bore",
    "Sten Gun 9 x 19 MM Bore",
    "LMG 7.62 x 51 MM Bore",
    "Short Gun 12 Bore",
    "Brita Pistol 9 x 19 MM Bore",
    "Revolver 38 Bore (Special)",
    "Revolver 455 Bore",
    "Signal Pistol I Inch Bore",
    "Grenade Launcher 40 MM Bore",
    "Ammunition (7.62 x 39 MM Bore)",
    "Ammunition G3+LMG 7.62 x 51 MM Bore",
    "Ammunition (9 x 19 MM Bore)",
    "Ammunition Revolver (38 Bore Special)",
    "Ammunition (303 Bore)",
    "Cartridges 12 Bore (Simple)",
    "Cartridges 12 Bore (Rebury)",
]
# Anti-riot lines: (name, group); consecutive lines with a group get a grand total together.
ANTI_RIOT = [
    ("Polo Stick", "Sticks"),
    ("New Baton Turkish", "Sticks"),
    ("Lathi Baansi", "Sticks"),
    ("Steel Helmet", "Helmets"),
    ("New Helmet Turkish", "Helmets"),
    ("Riot Shield", "Shields"),
    ("New Riot Shield Turkish", "Shields"),
    ("Riot Jacket", "Jackets"),
    ("New Riot Jacket Turkish", "Jackets"),
    ("Shin Guard", "Shin guards"),
    ("New Shin Guard Turkish", "Shin guards"),
    ("Arms Guard", ""),
    ("Hand Cuffs", ""),
    ("Rifle Rack", ""),
    ("Bullet Proof Jacket", ""),
    ("Bullet Proof Helmet", ""),
    ("Thigh Guard", ""),
    ("Gloves", ""),
]
TEAR_GAS = ["Tear Gas Gun", "Trichon Gun", "Long Range Shell", "Short Range Shell", "Grenade All Marks"]
TEAR_GAS += ["Chemical Mace All Marks", "Gas Mask + Filter", "Small Size Lock", "Attachment Barrel"]
STOCK_CATEGORIES = [("Arms & Ammunition", ARMS), ("Anti-Riot Equipment", ANTI_RIOT), ("Tear Gas", TEAR_GAS)]


def logistics(builder):
    plan, rng, scale = builder.plan, builder.rng, builder.scale
    types = reference_rows(models.VehicleType, builder.district, dict.fromkeys(scaled(VEHICLE_TYPES, scale), {}))
    deployments = reference_rows(models.Deployment, builder.district, dict.fromkeys(DEPLOYMENTS, {}))
    counts = []
    for vehicle_type in types:
        # Every type stands at one deployment at least; most cells of the table stay empty.
        chosen = {rng.choice(deployments)} | {d for d in deployments if rng.random() < 0.25}
        counts += [
            models.VehicleCount(plan=plan, vehicle_type=vehicle_type, deployment=d, count=rng.randint(1, 30))
            for d in deployments
            if d in chosen
        ]
    models.VehicleCount.objects.bulk_create(counts)

    categories = reference_rows(models.StockCategory, builder.district, {name: {} for name, _ in STOCK_CATEGORIES})
    as_of = date(builder.year_start, 7, rng.randint(1, 28))
    statements = models.StockStatement.objects.bulk_create(
        models.StockStatement(plan=plan, category=category, as_of=as_of) for category in categories
    )
    items = []
    for statement, (_, lines) in zip(statements, STOCK_CATEGORIES, strict=True):
        lines = [line if isinstance(line, tuple) else (line, "") for line in lines]
        names = scaled([name for name, _ in lines], scale)
        groups = [
            group if round_ == 1 or not group else f"{group} ({round_})"
            for round_ in range(1, scale + 1)
            for _, group in lines
        ]
        equipment_types = reference_rows(
            models.EquipmentType, builder.district, dict.fromkeys(names, {}), category=statement.category
        )
        previous_group = None
        for equipment_type, group in zip(equipment_types, groups, strict=True):
            distributed, at_hq = rng.randint(0, 900), rng.randint(0, 300)
            first_of_group = not group or group != previous_group
            items.append(
                models.StockItem(
                    statement=statement,
                    equipment_type=equipment_type,
                    group=group,
                    total_stock=distributed + at_hq,
                    distributed=distributed,
                    at_headquarters=at_hq,
                    new_demand=rng.choice([0, rng.randint(10, 1500)]) if first_of_group else 0,
                )
            )
            previous_group = group
    models.StockItem.objects.bulk_create(items)
