import { useState, type DragEvent } from 'react';

/** A drop target's event props (called inside the drop event) and whether a drag is over it. */
export function useDropZone(onDrop: (dt: DataTransfer) => void) {
  const [over, setOver] = useState(false);
  return {
    over,
    props: {
      onDragOver: (e: DragEvent) => {
        e.preventDefault();
        setOver(true);
      },
      onDragLeave: () => setOver(false),
      onDrop: (e: DragEvent) => {
        e.preventDefault();
        setOver(false);
        onDrop(e.dataTransfer);
      },
    },
  };
}
