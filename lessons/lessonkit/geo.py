"""Distances on the globe, for lessons that measure how far apart two places are."""
import numpy as np

EARTH_RADIUS_KM = 6371.0


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in kilometres on a sphere of radius 6,371 km (good to about 0.5 % at these scales).

    Takes degrees, as the places table stores them; works on single numbers and on pandas columns alike. For single
    numbers it gives a plain Python number, which a notebook shows as 1234.5 (numpy's own shows np.float64(1234.5)).
    """
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    distance = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a))
    return distance.item() if isinstance(distance, np.generic) else distance
