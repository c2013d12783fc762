"""Short labels for the triage rules, shown to agents in the evidence instead of the rule codes.

The codes (``lift_entrapment``, ``neighbour_leak_to_engineering``) are stable identifiers: model
features, the API's ``rule_codes`` and tests use them. An agent reading the evidence while the
phone rings needs words ("电梯困人"), in the console's language.
"""

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

# The context ("triage rule") keeps these apart from the same English words elsewhere in the
# interface ("Fire"); xgettext needs it written out in each call.
RULE_LABELS: dict[str, Promise] = {
    # Safety rules (safety.py): what is happening.
    "lift_entrapment": pgettext_lazy("triage rule", "Trapped in a lift"),
    "lift_doors_open_moving": pgettext_lazy("triage rule", "Lift moving with its doors open"),
    "burst_pipe": pgettext_lazy("triage rule", "Burst pipe"),
    "water_through_ceiling": pgettext_lazy("triage rule", "Water pouring in"),
    "flooding": pgettext_lazy("triage rule", "Flooding"),
    "ceiling_water_flowing": pgettext_lazy("triage rule", "Water flowing from the ceiling"),
    "sewage_backflow": pgettext_lazy("triage rule", "Sewage backing up"),
    "electric_leak": pgettext_lazy("triage rule", "Electric leakage or shock"),
    "life_support_power": pgettext_lazy("triage rule", "Power cut to life support"),
    "explosion": pgettext_lazy("triage rule", "Explosion"),
    "sparks": pgettext_lazy("triage rule", "Sparks or burnt wiring"),
    "fire": pgettext_lazy("triage rule", "Fire"),
    "smoke": pgettext_lazy("triage rule", "Smoke"),
    "gas_leak": pgettext_lazy("triage rule", "Gas smell or leak"),
    "person_hurt": pgettext_lazy("triage rule", "Someone hurt"),
    "child_locked_in": pgettext_lazy("triage rule", "Child or dependant locked in"),
    "intruder_now": pgettext_lazy("triage rule", "Intruder now"),
    "fight_now": pgettext_lazy("triage rule", "Fight or violence"),
    "theft_in_progress": pgettext_lazy("triage rule", "Theft in progress"),
    "throwing_now": pgettext_lazy("triage rule", "Objects thrown from height now"),
    "person_shut_in": pgettext_lazy("triage rule", "Someone shut in"),
    "rescue_blocked": pgettext_lazy("triage rule", "Rescue held up"),
    "threat_now": pgettext_lazy("triage rule", "Threat or harassment"),
    "open_manhole": pgettext_lazy("triage rule", "Open manhole"),
    "hazard_animal": pgettext_lazy("triage rule", "Snake or stinging insects"),
    "chemical": pgettext_lazy("triage rule", "Chemical or toxic fumes"),
    "fuel_leak": pgettext_lazy("triage rule", "Fuel leaking"),
    "cooking_unattended": pgettext_lazy("triage rule", "Cooker or heater left on"),
    "premises_unsecured": pgettext_lazy("triage rule", "Premises left open"),
    "suspicious_package": pgettext_lazy("triage rule", "Suspicious package"),
    "sharps_near_children": pgettext_lazy("triage rule", "Needles or glass where children play"),
    "water_contaminated": pgettext_lazy("triage rule", "Drinking water contaminated"),
    "critical_power_loss": pgettext_lazy("triage rule", "Power lost in a server room or cold store"),
    "no_harness_at_height": pgettext_lazy("triage rule", "Working at height without a harness"),
    "vehicle_runaway": pgettext_lazy("triage rule", "Vehicle rolling away"),
    "reckless_driving": pgettext_lazy("triage rule", "Vehicle endangering people now"),
    "car_hits_person": pgettext_lazy("triage rule", "Person hit by a car"),
    "poisoning_drowning": pgettext_lazy("triage rule", "Poisoning, drowning or choking"),
    "person_missing": pgettext_lazy("triage rule", "Person missing"),
    "fall_from_height": pgettext_lazy("triage rule", "Someone at risk of falling from height"),
    "structure_at_risk": pgettext_lazy("triage rule", "Load-bearing structure being knocked out"),
    "gate_jammed_queue": pgettext_lazy("triage rule", "Entrance jammed, cars backing up"),
    "slippery_now": pgettext_lazy("triage rule", "Ice or oil already making people slip"),
    "open_shaft": pgettext_lazy("triage rule", "Open shaft or collapsing scaffold"),
    "damaged_by_works": pgettext_lazy("triage rule", "Gas, water or power line broken by works"),
    "transformer": pgettext_lazy("triage rule", "Transformer or switch room failing"),
    "sprinkler": pgettext_lazy("triage rule", "Sprinkler bursting"),
    "animal_attack": pgettext_lazy("triage rule", "Animal attacking"),
    "falling_hazard": pgettext_lazy("triage rule", "Something falling or collapsing"),
    "water_near_power": pgettext_lazy("triage rule", "Water near electrics"),
    "car_park_flooding": pgettext_lazy("triage rule", "Car park flooding"),
    "fire_alarm_sounding": pgettext_lazy("triage rule", "Fire or gas alarm sounding"),
    "caught_in_gate": pgettext_lazy("triage rule", "Caught in a gate or door"),
    "person_unwell": pgettext_lazy("triage rule", "Someone taken ill"),
    "people_shut_in": pgettext_lazy("triage rule", "People shut in behind a door"),
    "blocking_now": pgettext_lazy("triage rule", "Way out blocked when it cannot wait"),
    "disturbance_now": pgettext_lazy("triage rule", "Disturbance at night now"),
    "stranger_at_doors": pgettext_lazy("triage rule", "Stranger trying doors"),
    "guard_needed_now": pgettext_lazy("triage rule", "Guards needed now"),
    "leak_nobody_home": pgettext_lazy("triage rule", "Leak from a flat nobody answers"),
    "outage_vulnerable": pgettext_lazy("triage rule", "Power cut where people depend on it"),
    "child_alone": pgettext_lazy("triage rule", "Child left alone"),
    "animal_in_danger": pgettext_lazy("triage rule", "Animal in danger"),
    "storm_damage": pgettext_lazy("triage rule", "Storm damage"),
    "suicide_risk": pgettext_lazy("triage rule", "Risk of suicide"),
    "cry_for_help": pgettext_lazy("triage rule", "Cry for help"),
    "burning_smell": pgettext_lazy("triage rule", "Burning smell"),
    "welfare_check": pgettext_lazy("triage rule", "Welfare check on someone alone"),
    "water_heavy": pgettext_lazy("triage rule", "Water that cannot be stopped"),
    "police_called": pgettext_lazy("triage rule", "Police called"),
    "fuel_smell": pgettext_lazy("triage rule", "Fuel smell or leak"),
    "knocking_now": pgettext_lazy("triage rule", "Stranger knocking"),
    "building_dark": pgettext_lazy("triage rule", "Whole building without power"),
    "help_needed_now": pgettext_lazy("triage rule", "Asks for someone now"),
    # Department overrides (overrides.py): where the request goes instead of the default, and why.
    "neighbour_leak_to_engineering": pgettext_lazy("triage rule", "Neighbour's leak: engineering"),
    "renovation_debris_to_environment": pgettext_lazy("triage rule", "Renovation debris: environment"),
    "renovation_noise_out_of_hours_to_security": pgettext_lazy("triage rule", "Renovation noise out of hours: security"),
    "renovation_danger_to_security": pgettext_lazy("triage rule", "Renovation endangering people now: security"),
    "meter_reading_to_engineering": pgettext_lazy("triage rule", "Meter reading dispute: engineering"),
    "guard_conduct_to_security": pgettext_lazy("triage rule", "Guard's conduct: security"),
    "slow_repair_to_engineering": pgettext_lazy("triage rule", "Slow repair: engineering"),
    "staff_conduct_to_their_trade": pgettext_lazy("triage rule", "Staff conduct: the department they work in"),
    "gas_no_answer_to_security": pgettext_lazy("triage rule", "Gas smell, nobody answers: security"),
    "title_or_legacy_to_customer_service": pgettext_lazy("triage rule", "Title or developer legacy: customer service"),
    "card_reissue_to_customer_service": pgettext_lazy("triage rule", "Card re-issue: customer service"),
}


def rule_label(code: str) -> str:
    """The label of a rule in the active language; an unknown code (a retrained model's, a
    rule added without a label) shows as itself rather than failing."""
    label = RULE_LABELS.get(code)
    return str(label) if label is not None else code
