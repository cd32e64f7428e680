/**
 * « Autour de moi »: the browser's position, rounded to about a kilometre, and the message that says
 * what happened (refused, not found, found) in a status line.
 */
import { useState } from 'react';
import { roundCoordinate } from '../../lib/search/search-url.ts';

export function useAroundMe(onPosition: (point: { lat: number; lng: number }) => void): { message: string; locate: () => void } {
  const [message, setMessage] = useState('');
  const locate = (): void => {
    setMessage('');
    if (!('geolocation' in navigator)) {
      setMessage('Votre navigateur ne permet pas de donner votre position : tapez votre commune ou votre code postal.');
      return;
    }
    setMessage('Recherche de votre position…');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setMessage('Position trouvée : voici les services autour de vous.');
        onPosition({ lat: roundCoordinate(position.coords.latitude), lng: roundCoordinate(position.coords.longitude) });
      },
      (error) => {
        setMessage(
          error.code === error.PERMISSION_DENIED
            ? 'Vous n’avez pas autorisé l’accès à votre position. Tapez plutôt votre commune ou votre code postal.'
            : 'Votre position n’a pas pu être trouvée. Tapez plutôt votre commune ou votre code postal.',
        );
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 600_000 },
    );
  };
  return { message, locate };
}
