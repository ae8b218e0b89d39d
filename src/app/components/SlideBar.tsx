import { useAppStore } from '../store';

/** In talk mode: where the presenter is in the deck, and what to look at on this slide. */
export function SlideBar() {
  const deck = useAppStore((s) => s.deck);
  const talk = useAppStore((s) => s.experiment.talk);
  if (!talk) return null;
  const slide = deck.index === null ? null : deck.slides[deck.index];
  return (
    <div className="slidebar" data-testid="slide" data-index={deck.index ?? ''}>
      {slide ? (
        <>
          <b>
            {deck.index! + 1}/{deck.slides.length} · {slide.title}
          </b>{' '}
          <span>{slide.caption}</span>
        </>
      ) : (
        <span>
          Talk mode: Page Down steps through the {deck.slides.length} slides of the {deck.name}{' '}
          deck; ? lists every key.
        </span>
      )}
    </div>
  );
}
